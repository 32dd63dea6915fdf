//! Confidence intervals and benchmark comparisons, UK Fingertips style.
//!
//! This module owns the statistics behind "better / similar / worse"
//! judgements: Wilson score intervals for proportions, exact (Garwood)
//! Poisson intervals for counts, the comparison of a value with a
//! comparator, and the test for a real change between two periods. All
//! intervals are 95 pct. and computed without external crates.

/// Two-sided 95 pct. standard normal quantile.
const Z95: f64 = 1.959_963_984_540_054;

/// A closed confidence interval `[lo, hi]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
}

impl Interval {
    /// True when `x` lies within the interval, bounds included.
    pub fn contains(self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }
}

/// 95 pct. Wilson score interval for `successes` out of `trials`, as
/// proportions in `[0, 1]`.
///
/// Wilson is used (as in Fingertips) because it behaves well for small
/// denominators and proportions near 0 or 1, unlike the Wald interval.
/// Returns `None` when there are no trials.
pub fn wilson(successes: u64, trials: u64) -> Option<Interval> {
    if trials == 0 {
        return None;
    }
    // More successes than trials is a data error; clamp rather than
    // produce an interval outside [0, 1].
    let k = successes.min(trials) as f64;
    let n = trials as f64;
    let p = k / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = p + z2 / (2.0 * n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // The formula gives exactly 0 and 1 at the extremes mathematically;
    // pin them so rounding noise cannot leak into reports.
    let lo = if k == 0.0 {
        0.0
    } else {
        ((centre - half) / denom).max(0.0)
    };
    let hi = if k == n {
        1.0
    } else {
        ((centre + half) / denom).min(1.0)
    };
    Some(Interval { lo, hi })
}

/// Exact (Garwood) 95 pct. interval for a Poisson count.
///
/// Uses the chi-square relation `lo = chi2inv(0.025, 2k) / 2` and
/// `hi = chi2inv(0.975, 2k + 2) / 2`, which equals the gamma quantiles with
/// shape `k` and `k + 1` and unit scale; for `k = 0` the lower bound is 0.
pub fn poisson_exact(count: u64) -> Interval {
    let k = count as f64;
    let lo = if count == 0 {
        0.0
    } else {
        gamma_quantile(0.025, k)
    };
    let hi = gamma_quantile(0.975, k + 1.0);
    Interval { lo, hi }
}

/// Which direction of an indicator is desirable.
///
/// The crate's model has its own direction type; the caller maps it to this
/// one so that this file stays self-contained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Lower values are better (e.g. mortality).
    Lower,
    /// Higher values are better (e.g. vaccination coverage).
    Higher,
}

/// Result of comparing a value with a comparator (e.g. the national value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// Significantly better than the comparator.
    Better,
    /// The comparator lies within the confidence interval.
    Similar,
    /// Significantly worse than the comparator.
    Worse,
    /// Missing interval or comparator.
    NotComparable,
}

impl Comparison {
    /// Danish label, used as "… end landsgennemsnittet" in sentences.
    pub fn label_da(self) -> &'static str {
        match self {
            Comparison::Better => "bedre end",
            Comparison::Similar => "på niveau med",
            Comparison::Worse => "dårligere end",
            Comparison::NotComparable => "kan ikke sammenlignes",
        }
    }

    /// A symbol that carries the meaning without relying on colour, so the
    /// result stays readable in print and for colour-blind readers.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Better => "+",
            Comparison::Similar => "=",
            Comparison::Worse => "\u{2212}",
            Comparison::NotComparable => "?",
        }
    }

    /// Stable ASCII identifier, e.g. for CSS classes and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Comparison::Better => "better",
            Comparison::Similar => "similar",
            Comparison::Worse => "worse",
            Comparison::NotComparable => "none",
        }
    }
}

/// Compares a value with a comparator using the Fingertips method.
///
/// If the comparator lies inside the value's confidence interval (bounds
/// included) the two are similar; otherwise the value is better or worse
/// depending on `direction`. Without an interval or comparator, or with
/// non-finite numbers, the result is [`Comparison::NotComparable`].
pub fn compare(
    value_ci: Option<Interval>,
    value: f64,
    comparator: Option<f64>,
    direction: Direction,
) -> Comparison {
    let (Some(ci), Some(c)) = (value_ci, comparator) else {
        return Comparison::NotComparable;
    };
    if ![ci.lo, ci.hi, value, c].iter().all(|x| x.is_finite()) {
        return Comparison::NotComparable;
    }
    if ci.contains(c) {
        return Comparison::Similar;
    }
    let better = match direction {
        Direction::Lower => value < c,
        Direction::Higher => value > c,
    };
    if better {
        Comparison::Better
    } else {
        Comparison::Worse
    }
}

/// Whether two periods differ significantly: `Some(true)` only when the two
/// intervals do not overlap at all (touching bounds count as overlap).
///
/// Non-overlap is conservative (it misses some real changes) but simple to
/// explain to readers. Returns `None` when either interval is missing.
pub fn significant_change(a: Option<Interval>, b: Option<Interval>) -> Option<bool> {
    let (a, b) = (a?, b?);
    Some(a.hi < b.lo || b.hi < a.lo)
}

/// Natural log of the gamma function (Lanczos approximation, Numerical
/// Recipes `gammln`), valid for `x > 0`.
fn ln_gamma(x: f64) -> f64 {
    const COF: [f64; 6] = [
        76.180_091_729_471_46,
        -86.505_320_329_416_77,
        24.014_098_240_830_91,
        -1.231_739_572_450_155,
        0.120_865_097_386_617_9e-2,
        -0.539_523_938_495_3e-5,
    ];
    let tmp = x + 5.5;
    let tmp = tmp - (x + 0.5) * tmp.ln();
    let mut ser = 1.000_000_000_190_015;
    let mut y = x;
    for c in COF {
        y += 1.0;
        ser += c / y;
    }
    -tmp + (2.506_628_274_631_000_5 * ser / x).ln()
}

/// Regularized lower incomplete gamma function `P(a, x)` for `a > 0`.
///
/// Follows Numerical Recipes: the series converges fast for `x < a + 1`,
/// the continued fraction (for `Q = 1 - P`) elsewhere.
fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let log_prefactor = -x + a * x.ln() - ln_gamma(a);
    // Both expansions need on the order of sqrt(a) terms near the mode, so a
    // fixed cap would silently lose precision for large counts.
    let max_iter = 1000 + (20.0 * a.sqrt()) as usize;
    if x < a + 1.0 {
        let mut ap = a;
        let mut del = 1.0 / a;
        let mut sum = del;
        for _ in 0..max_iter {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if del.abs() < sum.abs() * 1e-15 {
                break;
            }
        }
        (sum * log_prefactor.exp()).min(1.0)
    } else {
        // Modified Lentz evaluation of the continued fraction.
        const FPMIN: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / FPMIN;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..max_iter {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < FPMIN {
                d = FPMIN;
            }
            c = b + an / c;
            if c.abs() < FPMIN {
                c = FPMIN;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-15 {
                break;
            }
        }
        (1.0 - log_prefactor.exp() * h).max(0.0)
    }
}

/// Quantile of the gamma distribution with shape `a` and unit scale: the
/// `x` with `P(a, x) = p`.
///
/// Bisection is slower than Newton but cannot diverge, and the cost is
/// negligible for report-sized data.
fn gamma_quantile(p: f64, a: f64) -> f64 {
    let mut lo = 0.0;
    // Grow the upper bracket until it contains the quantile.
    let mut hi = a + 10.0 * a.sqrt() + 10.0;
    while gamma_p(a, hi) < p {
        lo = hi;
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if gamma_p(a, mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-12 * hi.max(1.0) {
            break;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, tol: f64) {
        assert!(
            (actual - expected).abs() <= tol,
            "expected {expected}, got {actual}"
        );
    }

    fn iv(lo: f64, hi: f64) -> Option<Interval> {
        Some(Interval { lo, hi })
    }

    #[test]
    fn wilson_reference_values() {
        let ci = wilson(8, 100).unwrap();
        close(ci.lo, 0.0411, 5e-5);
        close(ci.hi, 0.1500, 5e-5);

        let ci = wilson(0, 20).unwrap();
        assert_eq!(ci.lo, 0.0);
        close(ci.hi, 0.1611, 5e-5);

        let ci = wilson(20, 20).unwrap();
        close(ci.lo, 0.8389, 5e-5);
        assert_eq!(ci.hi, 1.0);
    }

    #[test]
    fn wilson_edge_cases() {
        assert_eq!(wilson(0, 0), None);
        // Tiny denominator: symmetric around 0.5 and wide.
        let ci = wilson(1, 2).unwrap();
        close(ci.lo, 1.0 - ci.hi, 1e-12);
        close(ci.lo, 0.0945, 5e-5);
        // Successes above trials are clamped, not a panic.
        assert_eq!(wilson(5, 3).unwrap().hi, 1.0);
    }

    #[test]
    fn poisson_reference_values() {
        let ci = poisson_exact(0);
        assert_eq!(ci.lo, 0.0);
        close(ci.hi, 3.689, 5e-4);

        let ci = poisson_exact(1);
        close(ci.lo, 0.0253, 5e-5);
        close(ci.hi, 5.572, 5e-4);

        let ci = poisson_exact(10);
        close(ci.lo, 4.795, 5e-4);
        close(ci.hi, 18.390, 5e-4);

        let ci = poisson_exact(100);
        close(ci.lo, 81.364, 5e-4);
        close(ci.hi, 121.627, 5e-4);
    }

    #[test]
    fn poisson_large_count_is_sane() {
        let ci = poisson_exact(100_000);
        assert!(ci.lo < 100_000.0 && ci.hi > 100_000.0);
        // Roughly k ± 1.96 * sqrt(k) for large k.
        close(ci.lo, 100_000.0 - Z95 * 100_000f64.sqrt(), 2.0);
        close(ci.hi, 100_000.0 + Z95 * 100_000f64.sqrt(), 2.0);
    }

    #[test]
    fn poisson_very_large_count_converges() {
        // Byar's approximation is accurate to far below 0.05 at this size, so
        // it checks that the series and continued fraction fully converge.
        let k: f64 = 1_000_000.0;
        let byar_lo = k * (1.0 - 1.0 / (9.0 * k) - Z95 / (3.0 * k.sqrt())).powi(3);
        let k1 = k + 1.0;
        let byar_hi = k1 * (1.0 - 1.0 / (9.0 * k1) + Z95 / (3.0 * k1.sqrt())).powi(3);
        let ci = poisson_exact(1_000_000);
        close(ci.lo, byar_lo, 0.05);
        close(ci.hi, byar_hi, 0.05);
    }

    #[test]
    fn gamma_p_limits() {
        close(gamma_p(1.0, 1.0), 1.0 - (-1.0f64).exp(), 1e-12);
        close(gamma_p(3.0, 50.0), 1.0, 1e-12);
        assert_eq!(gamma_p(2.0, 0.0), 0.0);
    }

    #[test]
    fn compare_lower_is_better() {
        let ci = iv(7.1, 9.4);
        assert_eq!(
            compare(ci, 8.2, Some(10.0), Direction::Lower),
            Comparison::Better
        );
        assert_eq!(
            compare(ci, 8.2, Some(5.0), Direction::Lower),
            Comparison::Worse
        );
        assert_eq!(
            compare(ci, 8.2, Some(8.0), Direction::Lower),
            Comparison::Similar
        );
    }

    #[test]
    fn compare_higher_is_better() {
        let ci = iv(7.1, 9.4);
        assert_eq!(
            compare(ci, 8.2, Some(10.0), Direction::Higher),
            Comparison::Worse
        );
        assert_eq!(
            compare(ci, 8.2, Some(5.0), Direction::Higher),
            Comparison::Better
        );
        assert_eq!(
            compare(ci, 8.2, Some(8.0), Direction::Higher),
            Comparison::Similar
        );
    }

    #[test]
    fn compare_comparator_on_bound_is_similar() {
        let ci = iv(7.1, 9.4);
        assert_eq!(
            compare(ci, 8.2, Some(7.1), Direction::Lower),
            Comparison::Similar
        );
        assert_eq!(
            compare(ci, 8.2, Some(9.4), Direction::Higher),
            Comparison::Similar
        );
    }

    #[test]
    fn compare_missing_inputs() {
        assert_eq!(
            compare(None, 8.2, Some(5.0), Direction::Lower),
            Comparison::NotComparable
        );
        assert_eq!(
            compare(iv(7.1, 9.4), 8.2, None, Direction::Higher),
            Comparison::NotComparable
        );
        assert_eq!(
            compare(iv(7.1, 9.4), f64::NAN, Some(5.0), Direction::Higher),
            Comparison::NotComparable
        );
    }

    #[test]
    fn compare_zero_events_and_tiny_denominator() {
        // 0 of 20 with a national share of 30 pct.: interval excludes 0.30.
        let ci = wilson(0, 20);
        assert_eq!(
            compare(ci, 0.0, Some(0.30), Direction::Lower),
            Comparison::Better
        );
        assert_eq!(
            compare(ci, 0.0, Some(0.10), Direction::Lower),
            Comparison::Similar
        );
        // 1 of 2 is too uncertain to differ from almost anything.
        let ci = wilson(1, 2);
        assert_eq!(
            compare(ci, 0.5, Some(0.2), Direction::Higher),
            Comparison::Similar
        );
        // 0 deaths against an expected 5 per period: exact interval reaches 3.689.
        let ci = Some(poisson_exact(0));
        assert_eq!(
            compare(ci, 0.0, Some(5.0), Direction::Lower),
            Comparison::Better
        );
        assert_eq!(
            compare(ci, 0.0, Some(3.0), Direction::Lower),
            Comparison::Similar
        );
    }

    #[test]
    fn significant_change_cases() {
        assert_eq!(significant_change(iv(1.0, 2.0), iv(3.0, 4.0)), Some(true));
        assert_eq!(significant_change(iv(3.0, 4.0), iv(1.0, 2.0)), Some(true));
        assert_eq!(significant_change(iv(1.0, 3.0), iv(2.0, 4.0)), Some(false));
        // Touching bounds overlap.
        assert_eq!(significant_change(iv(1.0, 2.0), iv(2.0, 4.0)), Some(false));
        assert_eq!(significant_change(None, iv(1.0, 2.0)), None);
        assert_eq!(significant_change(iv(1.0, 2.0), None), None);
    }

    #[test]
    fn comparison_strings() {
        assert_eq!(Comparison::Better.label_da(), "bedre end");
        assert_eq!(Comparison::Similar.label_da(), "på niveau med");
        assert_eq!(Comparison::Worse.label_da(), "dårligere end");
        assert_eq!(
            Comparison::NotComparable.label_da(),
            "kan ikke sammenlignes"
        );
        assert_eq!(Comparison::Worse.symbol(), "−");
        assert_eq!(Comparison::Better.symbol(), "+");
        assert_eq!(Comparison::Similar.id(), "similar");
        assert_eq!(Comparison::NotComparable.id(), "none");
    }
}
