# mclust's EM for model "EII" (one shared sigma^2 I) from given parameters, for the peer cross-check.
#
# stdin:  {"points": [[...]], "init": [[...]], "weights": [...], "sigma2": s, "iterations": T}
# stdout: {"centers": [[...]], "weights": [...], "sigma2": s, "loglik": l, "iterations": T}
#
# mclust::em starts with an E-step at the given parameters, then runs (M-step, E-step) pairs;
# with itmax = T and tol = 0 it runs exactly T M-steps, and loglik is the log-likelihood of the
# returned parameters (theory/em.ts's history[T]).
suppressMessages({
  library(mclust)
  library(jsonlite)
})
request <- fromJSON(file("stdin"), simplifyMatrix = TRUE)
X <- request$points
init <- request$init
iterations <- request$iterations
parameters <- list(
  pro = request$weights,
  mean = t(init),
  variance = list(modelName = "EII", d = ncol(X), G = nrow(init), sigmasq = request$sigma2)
)
fit <- em(X, modelName = "EII", parameters = parameters, control = emControl(tol = c(0, 0), itmax = c(iterations, iterations)))
ran <- abs(attr(fit, "info")[["iterations"]])
if (is.null(fit$loglik) || is.na(fit$loglik) || ran != iterations) {
  stop(sprintf("mclust em EII ran %s iterations, expected %d (returnCode %s)", format(ran), iterations, format(attr(fit, "returnCode"))))
}
cat(toJSON(list(
  centers = t(fit$parameters$mean),
  weights = fit$parameters$pro,
  sigma2 = fit$parameters$variance$sigmasq,
  loglik = fit$loglik,
  iterations = ran
), digits = NA, auto_unbox = TRUE))
