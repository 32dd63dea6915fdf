"""Reference values for src/compute/intervals.rs, from scipy and statsmodels.

Run with `python3 tests/reference/intervals.py` (scipy 1.17.1, statsmodels
0.15.0 when the values in the tests were taken). Each block prints the
values one test of intervals.rs checks, in the order the test lists them.
"""

import warnings

from scipy import stats
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
)
from statsmodels.stats.rates import test_poisson_2indep

# statsmodels divides by a zero count on the way to its p-value.
warnings.simplefilter("ignore", RuntimeWarning)

print("# normal_quantile: scipy.stats.norm.ppf")
for p in [1e-300, 1e-20, 1e-10, 0.001, 0.02425, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-12]:
    print(f"({p!r}, {float(stats.norm.ppf(p))!r}),")

print("# Confidence::z: norm.ppf((1 + level) / 2)")
for level in [0.5, 0.8, 0.9, 0.95, 0.99, 0.998, 0.9999]:
    print(f"({level}, {float(stats.norm.ppf((1 + level) / 2))!r}),")

print("# wilson at 0.998: statsmodels proportion_confint(method='wilson', alpha=0.002)")
for k, n in [(8, 100), (0, 20), (20, 20), (1, 2), (413, 5210)]:
    lo, hi = proportion_confint(k, n, alpha=0.002, method="wilson")
    print(f"({k}, {n}, {lo:.10f}, {hi:.10f}),")

print("# poisson_exact (Garwood) at 0.998: scipy chi2.ppf(0.001, 2k) / 2, chi2.ppf(0.999, 2k + 2) / 2")
for k in [0, 1, 10, 100, 6431]:
    lo = stats.chi2.ppf(0.001, 2 * k) / 2 if k > 0 else 0.0
    hi = stats.chi2.ppf(0.999, 2 * k + 2) / 2
    print(f"({k}, {lo:.8f}, {hi:.8f}),")

print("# newcombe at 0.95: statsmodels confint_proportions_2indep(method='newcomb')")
cases = [
    (56, 70, 48, 80),
    (9, 10, 3, 10),
    (6, 7, 2, 7),
    (5, 56, 0, 29),
    (0, 10, 0, 20),
    (0, 10, 0, 10),
    (10, 10, 0, 20),
    (10, 10, 0, 10),
]
for k1, n1, k2, n2 in cases:
    lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff", alpha=0.05)
    print(f"({k1}, {n1}, {k2}, {n2}, {lo:.10f}, {hi:.10f}),")

print("# newcombe at 0.998")
for k1, n1, k2, n2 in [(56, 70, 48, 80), (9, 10, 3, 10), (413, 5210, 452, 5188), (1211, 11600, 1363, 11550)]:
    lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff", alpha=0.002)
    print(f"({k1}, {n1}, {k2}, {n2}, {lo:.10f}, {hi:.10f}),")

print("# poisson_conditional_p, equal exposure: scipy binomtest(k2, k1 + k2, 0.5).pvalue")
print("# (= statsmodels test_poisson_2indep(k1, 1, k2, 1, method='exact-cond').pvalue)")
for k1, k2 in [(100, 75), (50, 70), (1000, 1100), (6431, 6635), (5, 0), (0, 3), (10, 10), (12, 13), (480, 560)]:
    p = stats.binomtest(k2, k1 + k2, 0.5).pvalue
    sm = test_poisson_2indep(k1, 1, k2, 1, method="exact-cond").pvalue
    assert abs(p - sm) < 1e-12, (k1, k2, p, sm)
    print(f"({k1}, {k2}, {float(p)!r}),")

print("# poisson_conditional_p, unequal exposure: twice the smaller binomial tail at p0 = e2 / (e1 + e2),")
print("# and whether scipy's Clopper-Pearson interval binomtest(k2, n, p0).proportion_ci(level, 'exact') excludes p0")
for k1, e1, k2, e2, level in [(30, 1000.0, 55, 1200.0, 0.95), (30, 1000.0, 62, 1200.0, 0.95), (30, 1000.0, 62, 1200.0, 0.998), (120, 50000.0, 50, 30000.0, 0.95), (7, 2.0, 1, 1.0, 0.95)]:
    n = k1 + k2
    p0 = e2 / (e1 + e2)
    p = min(1.0, 2 * min(stats.binom.cdf(k2, n, p0), stats.binom.sf(k2 - 1, n, p0)))
    ci = stats.binomtest(k2, n, p0).proportion_ci(confidence_level=level, method="exact")
    excludes = not (ci.low <= p0 <= ci.high)
    print(f"({k1}, {e1}, {k2}, {e2}, {level}, {float(p)!r}, {str(excludes).lower()}),")

print("# beta_inc: scipy.special.betainc(a, b, x)")
from scipy import special

for a, b, x in [(2.0, 3.0, 0.4), (0.5, 0.5, 0.9), (13.0, 13.0, 0.5), (100000.0, 100001.0, 0.5), (6635.0, 6432.0, 0.5)]:
    print(f"({a}, {b}, {x}, {float(special.betainc(a, b, x))!r}),")
