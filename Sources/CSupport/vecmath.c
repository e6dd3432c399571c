// Vectorisable float kernels: a Cephes-style expf (≈1–2 ulp) inlined into loops the
// compiler turns into SIMD, cloned per instruction set and picked at load time.
#include "csupport.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

// The x86-64-v3 clone (AVX2 + FMA) is picked by CPU features, not model ("arch=haswell" would
// test for an Intel Haswell and send a Zen down the default path); "fma" covers AVX-only
// CPUs with FMA. The exponential's multiply-adds are explicit fmaf, so every clone (the
// default one through libm's fmaf) gives the same bits; nothing else is contracted
// (-ffp-contract=off).
#if defined(__x86_64__) && defined(__clang__)
#define OCTO_CLONES __attribute__((target_clones("avx512f", "arch=x86-64-v3", "fma", "default")))
#else
#define OCTO_CLONES
#endif

static inline float octo_expf(float x) {
    x = x > 88.3762626647949f ? 88.3762626647949f : x;
    x = x < -87.3365447504019f ? -87.3365447504019f : x;
    // x = n·ln2 + r with |r| ≤ ln2/2 (ln2 in two parts), then e^r by Cephes's polynomial.
    float fx = floorf(fmaf(x, 1.44269504088896341f, 0.5f));
    float r = fmaf(fx, -0.693359375f, x);
    r = fmaf(fx, 2.12194440e-4f, r);
    float z = r * r;
    float y = fmaf(1.9875691500e-4f, r, 1.3981999507e-3f);
    y = fmaf(y, r, 8.3334519073e-3f);
    y = fmaf(y, r, 4.1665795894e-2f);
    y = fmaf(y, r, 1.6666665459e-1f);
    y = fmaf(y, r, 5.0000001201e-1f);
    y = fmaf(y, z, r) + 1.0f;
    int32_t e = ((int32_t)fx + 127) << 23;
    float scale;
    memcpy(&scale, &e, sizeof scale);
    return y * scale;
}

// Reductions keep 16 independent partial results (so they vectorise without reassociating
// across lanes) and combine them in a fixed order: the same bits on every run.
#define LANES 16

static inline float combine(const float *acc) {
    float s = 0.0f;
    for (int k = 0; k < LANES; k++) s += acc[k];
    return s;
}

// y may be x (attention exponentiates its score rows in place). Each block of LANES is read
// whole before any of it is written, so the loop vectorises without the compiler's overlap
// check — which, failing for y == x, used to send every in-place call down a scalar loop.
// y may be NULL (log-sum-exp needs only the sum): the sum is accumulated the same way.
OCTO_CLONES
float octo_exp_sum(const float *x, float *y, long n, float scale, float shift) {
    float acc[LANES] = {0};
    long i = 0;
    for (; i + LANES <= n; i += LANES) {
        float e[LANES];
        for (int k = 0; k < LANES; k++) e[k] = octo_expf(x[i + k] * scale - shift);
        if (y) for (int k = 0; k < LANES; k++) y[i + k] = e[k];
        for (int k = 0; k < LANES; k++) acc[k] += e[k];
    }
    if (i < n) {
        // The last n - i < LANES elements: their exponentials in one vector block (lanes past
        // n exponentiate zeros and are dropped), then added to acc[0] one by one in order, as
        // a scalar tail would (a third of this function's time in attention's short rows).
        const long rest = n - i;
        float in[LANES] = {0}, e[LANES];
        for (long k = 0; k < rest; k++) in[k] = x[i + k];
        for (int k = 0; k < LANES; k++) e[k] = octo_expf(in[k] * scale - shift);
        for (long k = 0; k < rest; k++) { if (y) y[i + k] = e[k]; acc[0] += e[k]; }
    }
    return combine(acc);
}

OCTO_CLONES
float octo_max(const float *x, long n) {
    float acc[LANES];
    for (int k = 0; k < LANES; k++) acc[k] = -INFINITY;
    long i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int k = 0; k < LANES; k++) acc[k] = x[i + k] > acc[k] ? x[i + k] : acc[k];
    for (; i < n; i++) acc[0] = x[i] > acc[0] ? x[i] : acc[0];
    float m = acc[0];
    for (int k = 1; k < LANES; k++) m = acc[k] > m ? acc[k] : m;
    return m;
}

OCTO_CLONES
float octo_dot(const float *a, const float *b, long n) {
    float acc[LANES] = {0};
    long i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int k = 0; k < LANES; k++) acc[k] += a[i + k] * b[i + k];
    for (; i < n; i++) acc[0] += a[i] * b[i];
    return combine(acc);
}

OCTO_CLONES
float octo_dot3(const float *a, const float *b, const float *c, long n) {
    float acc[LANES] = {0};
    long i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int k = 0; k < LANES; k++) acc[k] += a[i + k] * b[i + k] * c[i + k];
    for (; i < n; i++) acc[0] += a[i] * b[i] * c[i];
    return combine(acc);
}

OCTO_CLONES
void octo_scale(float *y, long n, float s) {
    for (long i = 0; i < n; i++) y[i] *= s;
}

OCTO_CLONES
void octo_swiglu(const float *g, const float *u, float *out, long n) {
    for (long i = 0; i < n; i++) { float v = g[i]; out[i] = v / (1.0f + octo_expf(-v)) * u[i]; }
}

OCTO_CLONES
void octo_swiglu_backward(const float *g, const float *u, const float *dy, float *dg, float *du, long n) {
    for (long i = 0; i < n; i++) {
        float v = g[i], s = 1.0f / (1.0f + octo_expf(-v)), sl = v * s;
        du[i] = dy[i] * sl;
        dg[i] = dy[i] * u[i] * s * (1.0f + v * (1.0f - s));
    }
}

OCTO_CLONES
void octo_add(float *y, const float *x, long n) {
    for (long i = 0; i < n; i++) y[i] += x[i];
}

// torch's AdamW update (OctoTrain/AdamW.swift), element by element in the order the Swift
// loop it replaced used, with no contraction (-ffp-contract=off) and correctly rounded
// vector square roots and divisions: the same bits as that scalar loop, several lanes at once.
OCTO_CLONES
void octo_adamw(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long n,
                float decay, float one_minus_beta1, float beta2, float one_minus_beta2, float bc2_sqrt, float eps,
                float step_size) {
    for (long i = 0; i < n; i++) {
        float gi = g[i];
        float pi = p[i] * decay;
        float mi = m[i] + (gi - m[i]) * one_minus_beta1;
        float vi = v[i] * beta2 + one_minus_beta2 * gi * gi;
        float denom = __builtin_elementwise_sqrt(vi) / bc2_sqrt + eps;
        p[i] = pi + -step_size * (mi / denom);
        m[i] = mi;
        v[i] = vi;
    }
}

// Σ x[i]² in double: 16 partial sums (element i into sum i mod 16 while whole blocks last,
// the tail into sum 0 in order), combined in a fixed order, so every clone gives the same bits.
OCTO_CLONES
double octo_sum_squares(const float *x, long n) {
    double acc[LANES] = {0};
    long i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int k = 0; k < LANES; k++) acc[k] += (double)x[i + k] * (double)x[i + k];
    for (; i < n; i++) acc[0] += (double)x[i] * (double)x[i];
    double s = 0.0;
    for (int k = 0; k < LANES; k++) s += acc[k];
    return s;
}

// Rotary embedding of rows t0 ..< t1 (HF "rotate half"): each head's pairs (x1, x2) = (x[i],
// x[i + d/2]) become (x1·c − x2·s', x2·c + x1·s'), s' = sign·s, with c, s the cos/sin row of
// the token's position. Each block of pairs is read whole before it is written, so dst may be
// src (the in-place backward) and the loop still vectorises.
OCTO_CLONES
void octo_rope(const float *src, long src_stride, float *dst, long dst_stride, const long *positions, long t0,
               long t1, long heads, long d, const float *cos_table, const float *sin_table, float sign) {
    const long half = d / 2;
    for (long t = t0; t < t1; t++) {
        const float *c = cos_table + positions[t] * half, *s = sin_table + positions[t] * half;
        for (long h = 0; h < heads; h++) {
            const float *x = src + t * src_stride + h * d;
            float *y = dst + t * dst_stride + h * d;
            long i = 0;
            for (; i + LANES <= half; i += LANES) {
                float x1[LANES], x2[LANES], y1[LANES], y2[LANES];
                for (int k = 0; k < LANES; k++) { x1[k] = x[i + k]; x2[k] = x[i + half + k]; }
                for (int k = 0; k < LANES; k++) {
                    float sk = sign * s[i + k];
                    y1[k] = x1[k] * c[i + k] - x2[k] * sk;
                    y2[k] = x2[k] * c[i + k] + x1[k] * sk;
                }
                for (int k = 0; k < LANES; k++) { y[i + k] = y1[k]; y[i + half + k] = y2[k]; }
            }
            for (; i < half; i++) {
                float x1 = x[i], x2 = x[i + half], sk = sign * s[i];
                y[i] = x1 * c[i] - x2 * sk;
                y[i + half] = x2 * c[i] + x1 * sk;
            }
        }
    }
}
