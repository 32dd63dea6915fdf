//! Confidence intervals and benchmark comparisons.
//!
//! This module owns the statistics behind "better / similar / worse"
//! judgements and the `*` on a change: Wilson score intervals for
//! proportions, exact (Garwood) Poisson intervals for counts, Newcombe's
//! hybrid score interval for the difference of two proportions, the exact
//! conditional test for two Poisson counts, and the comparison of a value
//! with a comparator. Everything is at one configurable [`Confidence`] level
//! and computed without external crates.

/// A two-sided confidence level and its standard normal quantile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Confidence {
    level: f64,
    z: f64,
}

impl Confidence {
    /// The level `level` (e.g. 0.95); None unless it lies strictly between
    /// 0 and 1.
    pub fn new(level: f64) -> Option<Confidence> {
        (level > 0.0 && level < 1.0).then(|| Confidence {
            level,
            // From the lower tail, which keeps its precision near level 1.
            z: -normal_quantile((1.0 - level) / 2.0),
        })
    }

    /// The level, e.g. 0.95.
    pub fn level(self) -> f64 {
        self.level
    }

    /// The two-sided standard normal quantile, 1.96 at 0.95.
    pub fn z(self) -> f64 {
        self.z
    }

    /// The two-sided significance level, 1 − level.
    pub fn alpha(self) -> f64 {
        1.0 - self.level
    }
}

impl Default for Confidence {
    /// 0.95.
    fn default() -> Self {
        Confidence::new(0.95).expect("0.95 is a level")
    }
}

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

    /// True when the interval lies wholly above or below 0 (a bound on 0
    /// does not exclude it).
    pub fn excludes_zero(self) -> bool {
        !self.contains(0.0)
    }
}

/// Wilson score interval for `successes` out of `trials`, as proportions
/// in `[0, 1]`.
///
/// Wilson is used (as in Fingertips) because it behaves well for small
/// denominators and proportions near 0 or 1, unlike the Wald interval.
/// Returns `None` when there are no trials.
pub fn wilson(successes: u64, trials: u64, conf: Confidence) -> Option<Interval> {
    if trials == 0 {
        return None;
    }
    // More successes than trials is a data error; clamp rather than
    // produce an interval outside [0, 1].
    let k = successes.min(trials) as f64;
    let n = trials as f64;
    let p = k / n;
    let z = conf.z();
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = p + z2 / (2.0 * n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
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

/// Newcombe's hybrid score interval (Newcombe 1998, method 10) for the
/// difference `k1/n1 − k2/n2` of two independent proportions, built from
/// the two Wilson intervals `(l1, u1)` and `(l2, u2)`:
/// `d − √((p1 − l1)² + (u2 − p2)²)` to `d + √((u1 − p1)² + (p2 − l2)²)`.
///
/// The difference is significant at the level when the interval excludes
/// 0. Returns `None` when either sample is empty.
pub fn newcombe(k1: u64, n1: u64, k2: u64, n2: u64, conf: Confidence) -> Option<Interval> {
    let w1 = wilson(k1, n1, conf)?;
    let w2 = wilson(k2, n2, conf)?;
    let p1 = k1.min(n1) as f64 / n1 as f64;
    let p2 = k2.min(n2) as f64 / n2 as f64;
    let d = p1 - p2;
    Some(Interval {
        lo: d - (p1 - w1.lo).hypot(w2.hi - p2),
        hi: d + (w1.hi - p1).hypot(p2 - w2.lo),
    })
}

/// Exact (Garwood) interval for a Poisson count.
///
/// Uses the chi-square relation `lo = chi2inv(α/2, 2k) / 2` and
/// `hi = chi2inv(1 − α/2, 2k + 2) / 2`, which equals the gamma quantiles
/// with shape `k` and `k + 1` and unit scale; for `k = 0` the lower bound
/// is 0.
pub fn poisson_exact(count: u64, conf: Confidence) -> Interval {
    let k = count as f64;
    let tail = conf.alpha() / 2.0;
    let lo = if count == 0 {
        0.0
    } else {
        gamma_quantile(tail, k)
    };
    let hi = gamma_quantile(1.0 - tail, k + 1.0);
    Interval { lo, hi }
}

/// Two-sided p-value of the exact conditional test that two Poisson counts
/// `k1` and `k2`, observed over exposures `e1` and `e2`, have the same rate.
///
/// Given the total `n = k1 + k2`, `k2` is binomial with `p0 = e2 / (e1 +
/// e2)` under the null hypothesis (½ at equal exposure). The p-value is
/// twice the smaller tail, capped at 1: the test is rejected at a level
/// exactly when the Clopper–Pearson interval for `k2 / n` excludes `p0`,
/// i.e. when the exact interval for the rate ratio excludes 1. At `p0 = ½`
/// the binomial is symmetric and this equals the "minimum likelihood"
/// p-value of scipy's `binomtest`. None without positive exposures.
pub fn poisson_conditional_p(k1: u64, e1: f64, k2: u64, e2: f64) -> Option<f64> {
    if !(e1 > 0.0 && e2 > 0.0 && e1.is_finite() && e2.is_finite()) {
        return None;
    }
    let n = k1 + k2;
    if n == 0 {
        return Some(1.0);
    }
    let p0 = e2 / (e1 + e2);
    let (k, nf) = (k2 as f64, n as f64);
    // P(X <= k2) = I_{1-p0}(n - k2, k2 + 1); P(X >= k2) = I_{p0}(k2, n - k2 + 1).
    let lower = if k2 == n {
        1.0
    } else {
        beta_inc(nf - k, k + 1.0, 1.0 - p0)
    };
    let upper = if k2 == 0 {
        1.0
    } else {
        beta_inc(k, nf - k + 1.0, p0)
    };
    Some((2.0 * lower.min(upper)).min(1.0))
}

/// Whether two counts differ at the level by [`poisson_conditional_p`]
/// (strictly below 1 − level, so that it agrees with the exact interval
/// excluding equal rates). None without positive exposures.
pub fn counts_differ(k1: u64, e1: f64, k2: u64, e2: f64, conf: Confidence) -> Option<bool> {
    poisson_conditional_p(k1, e1, k2, e2).map(|p| p < conf.alpha())
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
    /// No difference at the confidence level.
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

/// Compares a value with a fixed comparator using the Fingertips method
/// (used for the whole country, of which a city is a small part).
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

/// Judges a difference `value − reference` from its confidence interval
/// (e.g. [`newcombe`] for a city against the rest of its network): similar
/// when the interval includes 0, else better or worse by `direction`.
/// Without an interval, or with non-finite bounds, not comparable.
pub fn compare_difference(difference: Option<Interval>, direction: Direction) -> Comparison {
    let Some(d) = difference.filter(|d| d.lo.is_finite() && d.hi.is_finite()) else {
        return Comparison::NotComparable;
    };
    if !d.excludes_zero() {
        return Comparison::Similar;
    }
    let higher = d.lo > 0.0;
    if higher == (direction == Direction::Higher) {
        Comparison::Better
    } else {
        Comparison::Worse
    }
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

/// Quantile of the standard normal distribution (the inverse of its CDF)
/// for `0 < p < 1`: Wichura's algorithm AS 241, `PPND16` (Applied
/// Statistics 37 (1988) 477–484), accurate to about 1 part in 10^16.
// The coefficients are written as published, so they can be checked digit
// by digit against the paper; f64 rounds the last digits away.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    fn poly(c: &[f64; 8], x: f64) -> f64 {
        c.iter().rev().fold(0.0, |acc, c| acc * x + c)
    }
    const A: [f64; 8] = [
        3.387_132_872_796_366_608,
        133.141_667_891_784_377_45,
        1_971.590_950_306_551_442_7,
        13_731.693_765_509_461_125,
        45_921.953_931_549_871_457,
        67_265.770_927_008_700_853,
        33_430.575_583_588_128_105,
        2_509.080_928_730_122_672_7,
    ];
    const B: [f64; 8] = [
        1.0,
        42.313_330_701_600_911_252,
        687.187_007_492_057_908_3,
        5_394.196_021_424_751_107_7,
        21_213.794_301_586_595_867,
        39_307.895_800_092_710_61,
        28_729.085_735_721_942_674,
        5_226.495_278_852_545_925,
    ];
    const C: [f64; 8] = [
        1.423_437_110_749_683_577_34,
        4.630_337_846_156_545_295_9,
        5.769_497_221_460_691_405_5,
        3.647_848_324_763_204_605_04,
        1.270_458_252_452_368_382_58,
        0.241_780_725_177_450_611_77,
        0.022_723_844_989_269_184_583_3,
        7.745_450_142_783_414_076_4e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.053_191_626_637_758_821_87,
        1.676_384_830_183_803_849_4,
        0.689_767_334_985_100_004_55,
        0.148_103_976_427_480_074_59,
        0.015_198_666_563_616_457_196_6,
        5.475_938_084_995_344_946e-4,
        1.050_750_071_644_416_843_24e-9,
    ];
    const E: [f64; 8] = [
        6.657_904_643_501_103_777_2,
        5.463_784_911_164_114_369_9,
        1.784_826_539_917_291_335_8,
        0.296_560_571_828_504_891_23,
        0.026_532_189_526_576_123_093,
        0.001_242_660_947_388_078_438_6,
        2.711_555_568_743_487_578_15e-5,
        2.010_334_399_292_288_132_65e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        0.599_832_206_555_887_937_69,
        0.136_929_880_922_735_805_31,
        0.014_875_361_290_850_614_852_5,
        7.868_691_311_456_132_591e-4,
        1.846_318_317_510_054_681_8e-5,
        1.421_511_758_316_445_888_7e-7,
        2.044_263_103_389_939_785_64e-15,
    ];
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail.ln()).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 {
        -x
    } else {
        x
    }
}

/// Regularized incomplete beta function `I_x(a, b)` for `a, b > 0` and
/// `0 <= x <= 1` (Numerical Recipes `betai`: the continued fraction,
/// evaluated on the side of the mean where it converges fast).
fn beta_inc(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let log_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        (log_front.exp() * beta_fraction(a, b, x) / a).clamp(0.0, 1.0)
    } else {
        (1.0 - log_front.exp() * beta_fraction(b, a, 1.0 - x) / b).clamp(0.0, 1.0)
    }
}

/// The continued fraction of [`beta_inc`] (modified Lentz).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const FPMIN: f64 = 1e-300;
    // Like the gamma expansions, it needs on the order of sqrt(a + b) terms.
    let max_iter = 1000 + (20.0 * (a + b).sqrt()) as usize;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let guard = |v: f64| if v.abs() < FPMIN { FPMIN } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..max_iter {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
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

    fn c95() -> Confidence {
        Confidence::default()
    }

    fn level(level: f64) -> Confidence {
        Confidence::new(level).unwrap()
    }

    #[test]
    fn wilson_reference_values() {
        let ci = wilson(8, 100, c95()).unwrap();
        close(ci.lo, 0.0411, 5e-5);
        close(ci.hi, 0.1500, 5e-5);

        let ci = wilson(0, 20, c95()).unwrap();
        assert_eq!(ci.lo, 0.0);
        close(ci.hi, 0.1611, 5e-5);

        let ci = wilson(20, 20, c95()).unwrap();
        close(ci.lo, 0.8389, 5e-5);
        assert_eq!(ci.hi, 1.0);
    }

    #[test]
    fn wilson_edge_cases() {
        assert_eq!(wilson(0, 0, c95()), None);
        // Tiny denominator: symmetric around 0.5 and wide.
        let ci = wilson(1, 2, c95()).unwrap();
        close(ci.lo, 1.0 - ci.hi, 1e-12);
        close(ci.lo, 0.0945, 5e-5);
        // Successes above trials are clamped, not a panic.
        assert_eq!(wilson(5, 3, c95()).unwrap().hi, 1.0);
    }

    #[test]
    fn poisson_reference_values() {
        let ci = poisson_exact(0, c95());
        assert_eq!(ci.lo, 0.0);
        close(ci.hi, 3.689, 5e-4);

        let ci = poisson_exact(1, c95());
        close(ci.lo, 0.0253, 5e-5);
        close(ci.hi, 5.572, 5e-4);

        let ci = poisson_exact(10, c95());
        close(ci.lo, 4.795, 5e-4);
        close(ci.hi, 18.390, 5e-4);

        let ci = poisson_exact(100, c95());
        close(ci.lo, 81.364, 5e-4);
        close(ci.hi, 121.627, 5e-4);
    }

    #[test]
    fn poisson_large_count_is_sane() {
        let ci = poisson_exact(100_000, c95());
        assert!(ci.lo < 100_000.0 && ci.hi > 100_000.0);
        // Roughly k ± 1.96 * sqrt(k) for large k.
        close(ci.lo, 100_000.0 - c95().z() * 100_000f64.sqrt(), 2.0);
        close(ci.hi, 100_000.0 + c95().z() * 100_000f64.sqrt(), 2.0);
    }

    #[test]
    fn poisson_very_large_count_converges() {
        // Byar's approximation is accurate to far below 0.05 at this size, so
        // it checks that the series and continued fraction fully converge.
        let k: f64 = 1_000_000.0;
        let byar_lo = k * (1.0 - 1.0 / (9.0 * k) - c95().z() / (3.0 * k.sqrt())).powi(3);
        let k1 = k + 1.0;
        let byar_hi = k1 * (1.0 - 1.0 / (9.0 * k1) + c95().z() / (3.0 * k1.sqrt())).powi(3);
        let ci = poisson_exact(1_000_000, c95());
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
        let ci = wilson(0, 20, c95());
        assert_eq!(
            compare(ci, 0.0, Some(0.30), Direction::Lower),
            Comparison::Better
        );
        assert_eq!(
            compare(ci, 0.0, Some(0.10), Direction::Lower),
            Comparison::Similar
        );
        // 1 of 2 is too uncertain to differ from almost anything.
        let ci = wilson(1, 2, c95());
        assert_eq!(
            compare(ci, 0.5, Some(0.2), Direction::Higher),
            Comparison::Similar
        );
        // 0 deaths against an expected 5 per period: exact interval reaches 3.689.
        let ci = Some(poisson_exact(0, c95()));
        assert_eq!(
            compare(ci, 0.0, Some(5.0), Direction::Lower),
            Comparison::Better
        );
        assert_eq!(
            compare(ci, 0.0, Some(3.0), Direction::Lower),
            Comparison::Similar
        );
    }

    /// scipy.stats.norm.ppf, printed by tests/reference/intervals.py.
    #[test]
    fn normal_quantile_matches_scipy() {
        let reference = [
            (1e-300, -37.0470962993612),
            (1e-20, -9.262340089798409),
            (1e-10, -6.361340902404056),
            (0.001, -3.090232306167813),
            (0.02425, -1.972961051311885),
            (0.025, -1.9599639845400545),
            (0.3, -0.5244005127080409),
            (0.5, 0.0),
            (0.7, 0.5244005127080407),
            (0.975, 1.959963984540054),
            (0.999, 3.090232306167813),
            (0.999999999999, 7.0344869100478356),
        ];
        for (p, z) in reference {
            let got = normal_quantile(p);
            assert!(
                (got - z).abs() <= 1e-14 * z.abs().max(1.0),
                "p = {p}: expected {z}, got {got}"
            );
        }
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
    }

    /// z = scipy.stats.norm.ppf((1 + level) / 2), tests/reference/intervals.py.
    #[test]
    fn confidence_z_matches_scipy() {
        let reference = [
            (0.5, 0.6744897501960817),
            (0.8, 1.2815515655446004),
            (0.9, 1.6448536269514722),
            (0.95, 1.959963984540054),
            (0.99, 2.5758293035489004),
            (0.998, 3.090232306167813),
            (0.9999, 3.8905918864131204),
        ];
        for (l, z) in reference {
            close(level(l).z(), z, 1e-13);
            close(level(l).alpha(), 1.0 - l, 1e-15);
        }
        assert_eq!(c95().level(), 0.95);
        for bad in [0.0, 1.0, -0.5, 1.5, f64::NAN, f64::INFINITY] {
            assert_eq!(Confidence::new(bad), None, "{bad}");
        }
    }

    /// statsmodels proportion_confint(k, n, alpha=0.002, method="wilson"),
    /// tests/reference/intervals.py.
    #[test]
    fn wilson_at_fingertips_level_matches_statsmodels() {
        let reference = [
            (8, 100, 0.0285424777, 0.2046811096),
            (0, 20, 0.0, 0.3231704146),
            (20, 20, 0.6768295854, 1.0),
            (1, 2, 0.0453482471, 0.9546517529),
            (413, 5210, 0.0684590645, 0.0916217106),
        ];
        for (k, n, lo, hi) in reference {
            let ci = wilson(k, n, level(0.998)).unwrap();
            close(ci.lo, lo, 1e-9);
            close(ci.hi, hi, 1e-9);
        }
    }

    /// scipy chi2.ppf(0.001, 2k) / 2 and chi2.ppf(0.999, 2k + 2) / 2,
    /// tests/reference/intervals.py.
    #[test]
    fn garwood_at_fingertips_level_matches_scipy() {
        let reference = [
            (0, 0.0, 6.90775528),
            (1, 0.00100050, 9.23341348),
            (10, 2.96052037, 24.13397115),
            (100, 71.92139750, 134.92431906),
            (6431, 6186.03045975, 6682.68837255),
        ];
        for (k, lo, hi) in reference {
            let ci = poisson_exact(k, level(0.998));
            close(ci.lo, lo, 1e-7 * lo.max(1.0));
            close(ci.hi, hi, 1e-7 * hi.max(1.0));
        }
    }

    /// Newcombe (1998), "Interval estimation for the difference between
    /// independent proportions: comparison of eleven methods", Statistics in
    /// Medicine 17:873–890, Table II, method 10, examples (a)–(h), to the
    /// table's 4 decimals; each also to 10 decimals from statsmodels
    /// confint_proportions_2indep(method="newcomb") (tests/reference/
    /// intervals.py), which agrees with the 4 decimals. For (c), 6/7 − 2/7,
    /// method 10 gives 0.0582 to 0.8062 (statsmodels, and by hand from the
    /// two Wilson intervals); 0.0381 to 0.8384, as quoted in issue 14, is not
    /// method 10.
    #[test]
    fn newcombe_matches_the_paper_and_statsmodels() {
        let reference = [
            // (k1, n1, k2, n2, Table II (4 decimals), statsmodels)
            (
                56,
                70,
                48,
                80,
                (0.0524, 0.3339),
                (0.0524314724, 0.3338726540),
            ),
            (9, 10, 3, 10, (0.1705, 0.8090), (0.1705227239, 0.8090179735)),
            (6, 7, 2, 7, (0.0582, 0.8062), (0.0582279275, 0.8062496375)),
            (
                5,
                56,
                0,
                29,
                (-0.0381, 0.1926),
                (-0.0381371479, 0.1925600139),
            ),
            (
                0,
                10,
                0,
                20,
                (-0.1611, 0.2775),
                (-0.1611251581, 0.2775327999),
            ),
            (
                0,
                10,
                0,
                10,
                (-0.2775, 0.2775),
                (-0.2775327999, 0.2775327999),
            ),
            (10, 10, 0, 20, (0.6791, 1.0), (0.6790860371, 1.0)),
            (10, 10, 0, 10, (0.6075, 1.0), (0.6075093504, 1.0)),
        ];
        for (k1, n1, k2, n2, paper, sm) in reference {
            let ci = newcombe(k1, n1, k2, n2, c95()).unwrap();
            close(ci.lo, paper.0, 5e-5);
            close(ci.hi, paper.1, 5e-5);
            close(ci.lo, sm.0, 1e-9);
            close(ci.hi, sm.1, 1e-9);
            // Swapping the samples mirrors the interval.
            let back = newcombe(k2, n2, k1, n1, c95()).unwrap();
            close(back.lo, -ci.hi, 1e-12);
            close(back.hi, -ci.lo, 1e-12);
        }
        assert_eq!(newcombe(1, 0, 1, 2, c95()), None);
        assert_eq!(newcombe(1, 2, 0, 0, c95()), None);
    }

    /// statsmodels confint_proportions_2indep(..., method="newcomb",
    /// alpha=0.002), tests/reference/intervals.py.
    #[test]
    fn newcombe_at_fingertips_level_matches_statsmodels() {
        let reference = [
            (56, 70, 48, 80, -0.0334872536, 0.4018117646),
            (9, 10, 3, 10, -0.0476223719, 0.8540903631),
            (413, 5210, 452, 5188, -0.0246625786, 0.0089230328),
            (1211, 11600, 1363, 11550, -0.0263967561, -0.0008387585),
        ];
        for (k1, n1, k2, n2, lo, hi) in reference {
            let ci = newcombe(k1, n1, k2, n2, level(0.998)).unwrap();
            close(ci.lo, lo, 1e-9);
            close(ci.hi, hi, 1e-9);
        }
        // Significant at 0.95 (Table II (a), (b)) but not at 0.998.
        assert!(newcombe(56, 70, 48, 80, c95()).unwrap().excludes_zero());
        assert!(!newcombe(56, 70, 48, 80, level(0.998))
            .unwrap()
            .excludes_zero());
    }

    /// scipy binomtest(k2, k1 + k2, 0.5).pvalue, equal to statsmodels
    /// test_poisson_2indep(k1, 1, k2, 1, method="exact-cond").pvalue
    /// (tests/reference/intervals.py checks that they agree).
    #[test]
    fn poisson_conditional_test_matches_scipy() {
        let reference = [
            (100, 75, 0.06933702412999178),
            (50, 70, 0.08240747932752648),
            (1000, 1100, 0.03072070786424249),
            (6431, 6635, 0.0757411972502947),
            (5, 0, 0.0625),
            (0, 3, 0.25),
            (10, 10, 1.0),
            (12, 13, 1.0),
            (480, 560, 0.014259079095385853),
        ];
        for (k1, k2, p) in reference {
            let got = poisson_conditional_p(k1, 1.0, k2, 1.0).unwrap();
            close(got, p, 1e-9);
            // The test is symmetric in the two counts at equal exposure.
            close(poisson_conditional_p(k2, 1.0, k1, 1.0).unwrap(), got, 1e-12);
        }
        assert_eq!(poisson_conditional_p(0, 1.0, 0, 1.0), Some(1.0));
        assert_eq!(poisson_conditional_p(3, 0.0, 4, 1.0), None);
        assert_eq!(counts_differ(1000, 1.0, 1100, 1.0, c95()), Some(true));
        assert_eq!(
            counts_differ(1000, 1.0, 1100, 1.0, level(0.998)),
            Some(false)
        );
        assert_eq!(counts_differ(100, 1.0, 75, 1.0, c95()), Some(false));
    }

    /// Unequal exposure (a rate's denominators): twice the smaller tail of
    /// scipy's binomial at p0 = e2 / (e1 + e2), and the decision of scipy's
    /// Clopper–Pearson interval binomtest(k2, n, p0).proportion_ci(level,
    /// "exact") (tests/reference/intervals.py).
    #[test]
    fn poisson_conditional_test_with_exposure_matches_scipy() {
        let reference = [
            (30, 1000.0, 55, 1200.0, 0.95, 0.07450978842447227, false),
            (30, 1000.0, 62, 1200.0, 0.95, 0.01660083729425555, true),
            (30, 1000.0, 62, 1200.0, 0.998, 0.01660083729425555, false),
            (120, 50000.0, 50, 30000.0, 0.95, 0.033465903081755274, true),
            (7, 2.0, 1, 1.0, 0.95, 0.39018442310623414, false),
        ];
        for (k1, e1, k2, e2, l, p, excludes) in reference {
            close(poisson_conditional_p(k1, e1, k2, e2).unwrap(), p, 1e-10);
            assert_eq!(counts_differ(k1, e1, k2, e2, level(l)), Some(excludes));
        }
    }

    /// scipy.special.betainc(a, b, x), tests/reference/intervals.py.
    #[test]
    fn beta_inc_matches_scipy() {
        let reference = [
            (2.0, 3.0, 0.4, 0.5247999999999999),
            (0.5, 0.5, 0.9, 0.7951672353008665),
            (13.0, 13.0, 0.5, 0.5),
            (100000.0, 100001.0, 0.5, 0.5008920609429981),
            (6635.0, 6432.0, 0.5, 0.03787059862514735),
        ];
        for (a, b, x, i) in reference {
            // The Lanczos ln_gamma limits the front factor to about 1e-10
            // relative for arguments near 10^5.
            close(beta_inc(a, b, x), i, 1e-9);
        }
        close(beta_inc(1.0, 1.0, 0.3), 0.3, 1e-14);
        assert_eq!(beta_inc(2.0, 3.0, 0.0), 0.0);
        assert_eq!(beta_inc(2.0, 3.0, 1.0), 1.0);
    }

    #[test]
    fn compare_difference_by_direction() {
        let higher = iv(0.01, 0.05);
        let lower = iv(-0.05, -0.01);
        let around = iv(-0.01, 0.05);
        assert_eq!(
            compare_difference(higher, Direction::Higher),
            Comparison::Better
        );
        assert_eq!(
            compare_difference(higher, Direction::Lower),
            Comparison::Worse
        );
        assert_eq!(
            compare_difference(lower, Direction::Lower),
            Comparison::Better
        );
        assert_eq!(
            compare_difference(lower, Direction::Higher),
            Comparison::Worse
        );
        assert_eq!(
            compare_difference(around, Direction::Lower),
            Comparison::Similar
        );
        // A bound on 0 does not exclude it.
        assert_eq!(
            compare_difference(iv(0.0, 0.2), Direction::Lower),
            Comparison::Similar
        );
        assert_eq!(
            compare_difference(None, Direction::Lower),
            Comparison::NotComparable
        );
        assert_eq!(
            compare_difference(iv(f64::NAN, 0.2), Direction::Lower),
            Comparison::NotComparable
        );
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
