"""scikit-learn's spherical GaussianMixture from given parameters, with its log-likelihood history.

stdin:  {"points": [[...]], "init": [[...]], "weights": [...], "sigma2": s, "iterations": T}
stdout: {"history": [l_0 .. l_T], "means": [[...]], "variances": [...], "weights": [...]}

history[t] is the total log-likelihood sum_i log p(x_i) of the parameters after t M-steps, the
convention of theory/em.ts. scikit-learn's lower_bound_ after fit(max_iter=t) is the mean
log-likelihood of the parameters that its last E-step used, i.e. after t - 1 M-steps; so
history[t - 1] = n * lower_bound_ of a fit with max_iter = t, and history[T] = n * score(X) after
the fit with max_iter = T. Each fit starts afresh from the same parameters, with tol = 0 and
reg_covar = 0, so that it runs exactly max_iter iterations of plain EM.
"""
import json
import sys
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.simplefilter("ignore", ConvergenceWarning)
request = json.load(sys.stdin)
X = np.array(request["points"], dtype=np.float64)
init = np.array(request["init"], dtype=np.float64)
k = len(init)


def fit(iterations):
    return GaussianMixture(
        n_components=k,
        covariance_type="spherical",
        means_init=init,
        weights_init=np.array(request["weights"], dtype=np.float64),
        precisions_init=np.full(k, 1.0 / request["sigma2"]),
        reg_covar=0.0,
        tol=0.0,
        max_iter=iterations,
        init_params="random_from_data",
        random_state=0,
    ).fit(X)


n = len(X)
history = []
for t in range(1, request["iterations"] + 1):
    model = fit(t)
    if model.n_iter_ != t:
        sys.exit(f"GaussianMixture ran {model.n_iter_} iterations with max_iter={t}, tol=0")
    history.append(n * model.lower_bound_)
history.append(n * model.score(X))
json.dump({"history": history, "means": model.means_.tolist(), "variances": model.covariances_.tolist(), "weights": model.weights_.tolist()}, sys.stdout)
