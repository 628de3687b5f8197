#ifndef TRUSTPATH_CGSL_SHIM_H
#define TRUSTPATH_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_integration.h>

/* Swift 6 rejects reads of GSL_VAR globals as shared mutable state; these getters import as functions. */
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_multimin_fdfminimizer_type *cgsl_fdfminimizer_vector_bfgs2(void) {
    return gsl_multimin_fdfminimizer_vector_bfgs2;
}
#endif
