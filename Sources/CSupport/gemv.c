// Matrix-vector kernels for decode: each weight row is streamed once per step, front to
// back, against the step's input rows (one per sequence; AVX-512 or AVX2+FMA, picked at run
// time; portable C elsewhere). Every output is one fixed-order dot product, so the result
// depends neither on how the caller splits rows across threads nor on how many input rows
// share the step. Also the streaming read that measures the memory bandwidth those kernels
// are held to.
#include "csupport.h"
#include "isa.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define OCTO_X86 1
#endif

// ---- portable fallback ------------------------------------------------------------------

static float dot_portable(const float *w, const float *x, long n) {
    float acc[8] = {0};
    long i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++) acc[k] += w[i + k] * x[i + k];
    for (; i < n; i++) acc[0] += w[i] * x[i];
    float s = 0;
    for (int k = 0; k < 8; k++) s += acc[k];
    return s;
}

static void gemv_portable(const float *w, long in, const float *x, float *y, long r0, long r1) {
    for (long r = r0; r < r1; r++) y[r] = dot_portable(w + r * in, x, in);
}

static float bf16_to_f32(uint16_t h) {
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static void gemv_bf16_portable(const uint16_t *w, long in, const float *x, float *y, long r0, long r1) {
    for (long r = r0; r < r1; r++) {
        const uint16_t *w0 = w + r * in;
        float acc[8] = {0};
        long i = 0;
        for (; i + 8 <= in; i += 8)
            for (int k = 0; k < 8; k++) acc[k] += bf16_to_f32(w0[i + k]) * x[i + k];
        for (; i < in; i++) acc[0] += bf16_to_f32(w0[i]) * x[i];
        float s = 0;
        for (int k = 0; k < 8; k++) s += acc[k];
        y[r] = s;
    }
}

static float sum_portable(const float *x, long n) {
    float acc[8] = {0};
    long i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++) acc[k] += x[i + k];
    for (; i < n; i++) acc[0] += x[i];
    float s = 0;
    for (int k = 0; k < 8; k++) s += acc[k];
    return s;
}

#ifdef OCTO_X86
// ---- AVX-512 ---------------------------------------------------------------------------

// One row at a time, front to back: the weights are read as one sequential stream (four
// rows interleaved measured ~30 % slower here: the prefetchers follow one stream best). Four
// accumulators of 16 lanes, combined in a fixed order.
__attribute__((target("avx512f")))
static void gemv_avx512(const float *w, long in, const float *x, float *y, long r0, long r1) {
    const long full = in & ~63L, rest = (in - full) & ~15L;
    const __mmask16 tail = (__mmask16)((1u << (in - full - rest)) - 1u);
    for (long r = r0; r < r1; r++) {
        const float *w0 = w + r * in;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
        for (long i = 0; i < full; i += 64) {
            a0 = _mm512_fmadd_ps(_mm512_loadu_ps(w0 + i), _mm512_loadu_ps(x + i), a0);
            a1 = _mm512_fmadd_ps(_mm512_loadu_ps(w0 + i + 16), _mm512_loadu_ps(x + i + 16), a1);
            a2 = _mm512_fmadd_ps(_mm512_loadu_ps(w0 + i + 32), _mm512_loadu_ps(x + i + 32), a2);
            a3 = _mm512_fmadd_ps(_mm512_loadu_ps(w0 + i + 48), _mm512_loadu_ps(x + i + 48), a3);
        }
        for (long i = full; i < full + rest; i += 16) a0 = _mm512_fmadd_ps(_mm512_loadu_ps(w0 + i), _mm512_loadu_ps(x + i), a0);
        if (tail) {
            long i = full + rest;
            a1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, w0 + i), _mm512_maskz_loadu_ps(tail, x + i), a1);
        }
        y[r] = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
    }
}

__attribute__((target("avx512f")))
static float sum_avx512(const float *x, long n) {
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
    long i = 0;
    for (; i + 64 <= n; i += 64) {
        a0 = _mm512_add_ps(a0, _mm512_loadu_ps(x + i));
        a1 = _mm512_add_ps(a1, _mm512_loadu_ps(x + i + 16));
        a2 = _mm512_add_ps(a2, _mm512_loadu_ps(x + i + 32));
        a3 = _mm512_add_ps(a3, _mm512_loadu_ps(x + i + 48));
    }
    float s = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
    for (; i < n; i++) s += x[i];
    return s;
}

// ---- AVX2 + FMA --------------------------------------------------------------------------

__attribute__((target("avx2,fma")))
static inline float hsum256(__m256 v) {
    __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
    lo = _mm_add_ps(lo, hi);
    lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
    lo = _mm_add_ss(lo, _mm_shuffle_ps(lo, lo, 1));
    return _mm_cvtss_f32(lo);
}

__attribute__((target("avx2,fma")))
static void gemv_avx2(const float *w, long in, const float *x, float *y, long r0, long r1) {
    const long full = in & ~31L;
    for (long r = r0; r < r1; r++) {
        const float *w0 = w + r * in;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        for (long i = 0; i < full; i += 32) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w0 + i), _mm256_loadu_ps(x + i), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(w0 + i + 8), _mm256_loadu_ps(x + i + 8), a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(w0 + i + 16), _mm256_loadu_ps(x + i + 16), a2);
            a3 = _mm256_fmadd_ps(_mm256_loadu_ps(w0 + i + 24), _mm256_loadu_ps(x + i + 24), a3);
        }
        long i = full;
        for (; i + 8 <= in; i += 8) a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w0 + i), _mm256_loadu_ps(x + i), a0);
        float s = hsum256(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
        for (; i < in; i++) s += w0[i] * x[i];
        y[r] = s;
    }
}

// Three input rows at once: each weight load feeds three dot products (12 accumulators).
// Every dot product takes exactly gemv_avx2's steps in gemv_avx2's order, so the bits are
// the same as three gemv_avx2 calls.
__attribute__((target("avx2,fma")))
static void gemv3_avx2(const float *w, long in, const float *x0, const float *x1, const float *x2,
                       float *y0, float *y1, float *y2, long r0, long r1) {
    const long full = in & ~31L;
    for (long r = r0; r < r1; r++) {
        const float *w0 = w + r * in;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        __m256 b0 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps(), b2 = _mm256_setzero_ps(), b3 = _mm256_setzero_ps();
        __m256 c0 = _mm256_setzero_ps(), c1 = _mm256_setzero_ps(), c2 = _mm256_setzero_ps(), c3 = _mm256_setzero_ps();
        for (long i = 0; i < full; i += 32) {
            __m256 v0 = _mm256_loadu_ps(w0 + i), v1 = _mm256_loadu_ps(w0 + i + 8);
            __m256 v2 = _mm256_loadu_ps(w0 + i + 16), v3 = _mm256_loadu_ps(w0 + i + 24);
            a0 = _mm256_fmadd_ps(v0, _mm256_loadu_ps(x0 + i), a0);
            b0 = _mm256_fmadd_ps(v0, _mm256_loadu_ps(x1 + i), b0);
            c0 = _mm256_fmadd_ps(v0, _mm256_loadu_ps(x2 + i), c0);
            a1 = _mm256_fmadd_ps(v1, _mm256_loadu_ps(x0 + i + 8), a1);
            b1 = _mm256_fmadd_ps(v1, _mm256_loadu_ps(x1 + i + 8), b1);
            c1 = _mm256_fmadd_ps(v1, _mm256_loadu_ps(x2 + i + 8), c1);
            a2 = _mm256_fmadd_ps(v2, _mm256_loadu_ps(x0 + i + 16), a2);
            b2 = _mm256_fmadd_ps(v2, _mm256_loadu_ps(x1 + i + 16), b2);
            c2 = _mm256_fmadd_ps(v2, _mm256_loadu_ps(x2 + i + 16), c2);
            a3 = _mm256_fmadd_ps(v3, _mm256_loadu_ps(x0 + i + 24), a3);
            b3 = _mm256_fmadd_ps(v3, _mm256_loadu_ps(x1 + i + 24), b3);
            c3 = _mm256_fmadd_ps(v3, _mm256_loadu_ps(x2 + i + 24), c3);
        }
        long i = full;
        for (; i + 8 <= in; i += 8) {
            __m256 v = _mm256_loadu_ps(w0 + i);
            a0 = _mm256_fmadd_ps(v, _mm256_loadu_ps(x0 + i), a0);
            b0 = _mm256_fmadd_ps(v, _mm256_loadu_ps(x1 + i), b0);
            c0 = _mm256_fmadd_ps(v, _mm256_loadu_ps(x2 + i), c0);
        }
        float s0 = hsum256(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
        float s1 = hsum256(_mm256_add_ps(_mm256_add_ps(b0, b1), _mm256_add_ps(b2, b3)));
        float s2 = hsum256(_mm256_add_ps(_mm256_add_ps(c0, c1), _mm256_add_ps(c2, c3)));
        for (long j = i; j < in; j++) s0 += w0[j] * x0[j];
        for (long j = i; j < in; j++) s1 += w0[j] * x1[j];
        for (long j = i; j < in; j++) s2 += w0[j] * x2[j];
        y0[r] = s0; y1[r] = s1; y2[r] = s2;
    }
}

__attribute__((target("avx2")))
static float sum_avx2(const float *x, long n) {
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 = _mm256_add_ps(a0, _mm256_loadu_ps(x + i));
        a1 = _mm256_add_ps(a1, _mm256_loadu_ps(x + i + 8));
        a2 = _mm256_add_ps(a2, _mm256_loadu_ps(x + i + 16));
        a3 = _mm256_add_ps(a3, _mm256_loadu_ps(x + i + 24));
    }
    __m256 a = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
    float buf[8];
    _mm256_storeu_ps(buf, a);
    float s = 0;
    for (int k = 0; k < 8; k++) s += buf[k];
    for (; i < n; i++) s += x[i];
    return s;
}

// ---- bfloat16 weights (the high half of an f32), widened to f32 in registers ---------------

__attribute__((target("avx512f")))
static void gemv_bf16_avx512(const uint16_t *w, long in, const float *x, float *y, long r0, long r1) {
    const long full = in & ~31L;
    for (long r = r0; r < r1; r++) {
        const uint16_t *w0 = w + r * in;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
        long i = 0;
        for (; i < full; i += 32) {
            __m512 v0 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)(w0 + i))), 16));
            __m512 v1 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)(w0 + i + 16))), 16));
            a0 = _mm512_fmadd_ps(v0, _mm512_loadu_ps(x + i), a0);
            a1 = _mm512_fmadd_ps(v1, _mm512_loadu_ps(x + i + 16), a1);
        }
        float s = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
        for (; i < in; i++) s += bf16_to_f32(w0[i]) * x[i];
        y[r] = s;
    }
}

__attribute__((target("avx2,fma")))
static void gemv_bf16_avx2(const uint16_t *w, long in, const float *x, float *y, long r0, long r1) {
    const long full = in & ~15L;
    for (long r = r0; r < r1; r++) {
        const uint16_t *w0 = w + r * in;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        long i = 0;
        for (; i < full; i += 16) {
            __m256 v0 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(w0 + i))), 16));
            __m256 v1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(w0 + i + 8))), 16));
            a0 = _mm256_fmadd_ps(v0, _mm256_loadu_ps(x + i), a0);
            a1 = _mm256_fmadd_ps(v1, _mm256_loadu_ps(x + i + 8), a1);
        }
        float s = hsum256(_mm256_add_ps(a0, a1));
        for (; i < in; i++) s += bf16_to_f32(w0[i]) * x[i];
        y[r] = s;
    }
}

int octo_isa_level(void) {
    static int level = -1;
    if (level < 0) {
        __builtin_cpu_init();
        level = __builtin_cpu_supports("avx512f") ? 2
              : (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 1 : 0;
    }
    return level;
}
#else
int octo_isa_level(void) { return 0; }
#endif

// ---- entry points ----------------------------------------------------------------------

// Several input rows (one per sequence of a decode step) go through each block of weight rows
// while the block is still in L1, so a step reads the weights from memory once, not once per
// row. Each output is still the same fixed-order dot product as for one row: a row's bits do
// not depend on which rows come with it.
static long block_rows(long n, long in) {
    if (n <= 1) return 1L << 40;                      // one row: a single stream, no blocking
    long b = 4096 / (in > 0 ? in : 1);                 // ≤ 16 KB of f32 weights per block
    return b < 4 ? 4 : b;
}

static void gemv_f32(const float *w, long in, const float *x, float *y, long r0, long r1) {
#ifdef OCTO_X86
    int isa = octo_isa_level();
    if (isa == 2) { gemv_avx512(w, in, x, y, r0, r1); return; }
    if (isa == 1) { gemv_avx2(w, in, x, y, r0, r1); return; }
#endif
    gemv_portable(w, in, x, y, r0, r1);
}

static void gemv_bf16(const uint16_t *w, long in, const float *x, float *y, long r0, long r1) {
#ifdef OCTO_X86
    int isa = octo_isa_level();
    if (isa == 2) { gemv_bf16_avx512(w, in, x, y, r0, r1); return; }
    if (isa == 1) { gemv_bf16_avx2(w, in, x, y, r0, r1); return; }
#endif
    gemv_bf16_portable(w, in, x, y, r0, r1);
}

// Weight rows [b, e) for n input rows, three at a time where the AVX2 kernel applies.
static void gemv_block_f32(const float *w, long in, const float *x, long n, float *y, long ldy, long b, long e) {
    long t = 0;
#ifdef OCTO_X86
    if (octo_isa_level() == 1)
        for (; t + 3 <= n; t += 3)
            gemv3_avx2(w, in, x + t * in, x + (t + 1) * in, x + (t + 2) * in,
                       y + t * ldy, y + (t + 1) * ldy, y + (t + 2) * ldy, b, e);
#endif
    for (; t < n; t++) gemv_f32(w, in, x + t * in, y + t * ldy, b, e);
}

void octo_gemv_rows(const float *w, long in, const float *x, long n, const float *bias, float *y, long ldy,
                    long r0, long r1) {
    const long blk = block_rows(n, in);
    for (long b = r0; b < r1; b += blk) {
        long e = b + blk < r1 ? b + blk : r1;
        gemv_block_f32(w, in, x, n, y, ldy, b, e);
        if (bias)
            for (long t = 0; t < n; t++)
                for (long r = b; r < e; r++) y[t * ldy + r] += bias[r];
    }
}

void octo_gemv_bf16_rows(const uint16_t *w, long in, const float *x, long n, const float *bias, float *y, long ldy,
                         long r0, long r1) {
    const long blk = block_rows(n, in);
    for (long b = r0; b < r1; b += blk) {
        long e = b + blk < r1 ? b + blk : r1;
        for (long t = 0; t < n; t++) {
            gemv_bf16(w, in, x + t * in, y + t * ldy, b, e);
            if (bias) for (long r = b; r < e; r++) y[t * ldy + r] += bias[r];
        }
    }
}

void octo_to_bf16(const float *x, uint16_t *out, long n) {
    for (long i = 0; i < n; i++) {
        uint32_t bits;
        memcpy(&bits, &x[i], sizeof bits);
        if ((bits & 0x7fffffffu) > 0x7f800000u) { out[i] = (uint16_t)((bits >> 16) | 0x40u); continue; }   // NaN stays NaN
        bits += 0x7fffu + ((bits >> 16) & 1u);   // round to nearest, ties to even
        out[i] = (uint16_t)(bits >> 16);
    }
}

// SwiGLU in blocks of weight rows: gate rows into y and up rows into a stack buffer (both
// still in L1), then y = silu(gate) · up; the f32 version takes three input rows at a time
// (the three-row AVX2 kernel), the bf16 version one.
#define SWIGLU_BLOCK 64

void octo_gemv_swiglu_bf16_rows(const uint16_t *wg, const uint16_t *wu, long in, const float *x, long n, float *y, long ldy,
                                long r0, long r1) {
    float up[SWIGLU_BLOCK];
    long blk = block_rows(n, 2 * in);
    if (blk > SWIGLU_BLOCK) blk = SWIGLU_BLOCK;
    for (long b = r0; b < r1; b += blk) {
        long e = b + blk < r1 ? b + blk : r1;
        for (long t = 0; t < n; t++) {
            float *yt = y + t * ldy;
            gemv_bf16(wg, in, x + t * in, yt, b, e);
            gemv_bf16(wu + b * in, in, x + t * in, up, 0, e - b);
            for (long r = b; r < e; r++) {
                float g = yt[r];
                yt[r] = g / (1.0f + expf(-g)) * up[r - b];
            }
        }
    }
}

void octo_gemv_swiglu_rows(const float *wg, const float *wu, long in, const float *x, long n, float *y, long ldy,
                           long r0, long r1) {
    float up[3 * SWIGLU_BLOCK];
    long blk = block_rows(n, 2 * in);
    if (blk > SWIGLU_BLOCK) blk = SWIGLU_BLOCK;
    for (long b = r0; b < r1; b += blk) {
        long e = b + blk < r1 ? b + blk : r1;
        for (long t0 = 0; t0 < n; t0 += 3) {
            long m = n - t0 < 3 ? n - t0 : 3;
            gemv_block_f32(wg, in, x + t0 * in, m, y + t0 * ldy, ldy, b, e);
            gemv_block_f32(wu + b * in, in, x + t0 * in, m, up, SWIGLU_BLOCK, 0, e - b);
            for (long t = 0; t < m; t++) {
                float *yt = y + (t0 + t) * ldy;
                for (long r = b; r < e; r++) {
                    float g = yt[r];
                    yt[r] = g / (1.0f + expf(-g)) * up[t * SWIGLU_BLOCK + r - b];
                }
            }
        }
    }
}

float octo_read_sum(const float *x, long n) {
#ifdef OCTO_X86
    int isa = octo_isa_level();
    if (isa == 2) return sum_avx512(x, n);
    if (isa == 1) return sum_avx2(x, n);
#endif
    return sum_portable(x, n);
}

const char *octo_gemv_isa(void) {
    int isa = octo_isa_level();
    return isa == 2 ? "avx512f" : isa == 1 ? "avx2+fma" : "portable";
}
