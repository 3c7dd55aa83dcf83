"""Persistent scikit-learn side of `tvem bench`.

Reads one JSON request per line on stdin and answers one JSON line on stdout:
  {"op": "hello"}  -> versions and thread pools
  {"op": "lloyd" | "em", "points": PATH, "n": N, "d": D, "init": [[...]], "sigma2": S, "maxIterations": T}
                   -> {"seconds": fit time, "iterations": n_iter_}
  {"op": "memory"} -> {"maxRssKiB": peak resident set size of this process}
Timing is time.perf_counter() around fit(), so process start-up is excluded. The BLAS and OpenMP
pools are limited to one thread, like the single-threaded TypeScript side. The points file is
raw little-endian float64, row-major n x d (written by reports/bench/bench-dataset.ts).

OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from this process's environment before numpy
loads OpenBLAS (which reads them once, at load): where a machine sets them for other programs they
force a slower kernel than OpenBLAS would pick (issue 15). `hello` reports what was removed and
which BLAS kernel runs (threadpoolctl's internal_api and architecture).
"""
import os

OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_unset = {name: os.environ.pop(name) for name in OPENBLAS_OVERRIDES if name in os.environ}

import platform  # noqa: E402  (the environment above must be cleaned before numpy loads OpenBLAS)
import resource
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_info, threadpool_limits
from line_protocol import serve

warnings.simplefilter("ignore", ConvergenceWarning)
threadpool_limits(limits=1)
_points = {}


def load_points(request):
    path = request["points"]
    if path not in _points:
        _points[path] = np.fromfile(path, dtype="<f8").reshape(request["n"], request["d"])
    return _points[path]


def fit_lloyd(request):
    X = load_points(request)
    init = np.array(request["init"], dtype=np.float64)
    model = KMeans(n_clusters=len(init), algorithm="lloyd", n_init=1, init=init, tol=0, max_iter=request["maxIterations"])
    start = time.perf_counter()
    model.fit(X)
    return {"seconds": time.perf_counter() - start, "iterations": int(model.n_iter_)}


def fit_em(request):
    X = load_points(request)
    init = np.array(request["init"], dtype=np.float64)
    k = len(init)
    model = GaussianMixture(
        n_components=k,
        covariance_type="spherical",
        means_init=init,
        weights_init=np.full(k, 1.0 / k),
        precisions_init=np.full(k, 1.0 / request["sigma2"]),
        reg_covar=0.0,
        tol=0.0,
        max_iter=request["maxIterations"],
        init_params="random_from_data",
        random_state=0,
    )
    start = time.perf_counter()
    model.fit(X)
    return {"seconds": time.perf_counter() - start, "iterations": int(model.n_iter_)}


def hello(_request):
    info = threadpool_info()
    pools = {pool["internal_api"]: pool["num_threads"] for pool in info}
    blas = [
        {key: pool.get(key) for key in ("internal_api", "architecture", "version", "threading_layer")}
        for pool in info
        if pool["user_api"] == "blas"
    ]
    return {
        "python": platform.python_version(),
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "threads": pools,
        "blas": blas,
        "unsetEnvironment": _unset,
    }


def memory(_request):
    return {"maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


serve({"hello": hello, "lloyd": fit_lloyd, "em": fit_em, "memory": memory})
