// Causal attention of the query heads sharing one kv head, forward and backward, on register
// tiles: every product is a 6 × 16 tile of FMAs whose A operand is read through two strides
// (so Pᵀ, dSᵀ and the strided q/k/v rows need no copies) and whose B operand is packed into
// 16-wide panels read front to back. Tiles above the causal diagonal are skipped. Query rows
// go in blocks whose score rows stay in L2, and each block's scores are softmaxed in place.
// For training the forward keeps the probabilities (only the causal part, block by block) and
// the backward reads them back instead of recomputing the scores and their exponentials (a
// fifth of its products); for inference they never leave the block. Every output element is
// one fixed-order sum, so the bits depend only on the shapes and the instruction set, not on
// threads.
#include "csupport.h"
#include "isa.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define OCTO_X86 1
#endif

enum { TILE_M = 6, TILE_N = 16 };

// C[i][j] = (acc ? C[i][j] : 0) + alpha · Σ_{k<kn} A[i·sai + k·sak] · B[k·ldb + j], for i < m ≤ 6,
// j < n ≤ 16; the sum runs over k in order in one accumulator per element.
static void tile_portable(long m, long n, long kn, const float *a, long sai, long sak, const float *b, long ldb,
                          float *c, long ldc, float alpha, int acc) {
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
            float s = 0;
            for (long k = 0; k < kn; k++) s = fmaf(a[i * sai + k * sak], b[k * ldb + j], s);
            c[i * ldc + j] = acc ? c[i * ldc + j] + s * alpha : s * alpha;
        }
}

#ifdef OCTO_X86
__attribute__((target("avx2,fma")))
static void tile_avx2(long m, long n, long kn, const float *a, long sai, long sak, const float *b, long ldb,
                      float *c, long ldc, float alpha, int acc) {
    // Rows past m repeat row 0's A (their results are dropped): one code path for every m.
    const float *a0 = a, *a1 = a + (m > 1) * sai, *a2 = a + (m > 2) * 2 * sai;
    const float *a3 = a + (m > 3) * 3 * sai, *a4 = a + (m > 4) * 4 * sai, *a5 = a + (m > 5) * 5 * sai;
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps(), c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
#define OCTO_TILE_STEP(B0, B1)                                                     \
    {                                                                              \
        const __m256 b0 = (B0), b1 = (B1);                                         \
        __m256 x = _mm256_broadcast_ss(a0 + k * sak);                              \
        c00 = _mm256_fmadd_ps(x, b0, c00); c01 = _mm256_fmadd_ps(x, b1, c01);      \
        x = _mm256_broadcast_ss(a1 + k * sak);                                     \
        c10 = _mm256_fmadd_ps(x, b0, c10); c11 = _mm256_fmadd_ps(x, b1, c11);      \
        x = _mm256_broadcast_ss(a2 + k * sak);                                     \
        c20 = _mm256_fmadd_ps(x, b0, c20); c21 = _mm256_fmadd_ps(x, b1, c21);      \
        x = _mm256_broadcast_ss(a3 + k * sak);                                     \
        c30 = _mm256_fmadd_ps(x, b0, c30); c31 = _mm256_fmadd_ps(x, b1, c31);      \
        x = _mm256_broadcast_ss(a4 + k * sak);                                     \
        c40 = _mm256_fmadd_ps(x, b0, c40); c41 = _mm256_fmadd_ps(x, b1, c41);      \
        x = _mm256_broadcast_ss(a5 + k * sak);                                     \
        c50 = _mm256_fmadd_ps(x, b0, c50); c51 = _mm256_fmadd_ps(x, b1, c51);      \
    }
    const int lanes[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    const __m256i mask0 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_loadu_si256((const __m256i *)lanes));
    const __m256i mask1 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_loadu_si256((const __m256i *)(lanes + 8)));
    if (n == TILE_N) {
        for (long k = 0; k < kn; k++) OCTO_TILE_STEP(_mm256_loadu_ps(b + k * ldb), _mm256_loadu_ps(b + k * ldb + 8))
    } else {
        for (long k = 0; k < kn; k++)
            OCTO_TILE_STEP(_mm256_maskload_ps(b + k * ldb, mask0), _mm256_maskload_ps(b + k * ldb + 8, mask1))
    }
#undef OCTO_TILE_STEP
    const __m256 al = _mm256_set1_ps(alpha);
    __m256 rows[TILE_M][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
    for (long i = 0; i < m; i++) {
        float *ci = c + i * ldc;
        __m256 r0 = _mm256_mul_ps(rows[i][0], al), r1 = _mm256_mul_ps(rows[i][1], al);
        if (n == TILE_N) {
            if (acc) { r0 = _mm256_add_ps(_mm256_loadu_ps(ci), r0); r1 = _mm256_add_ps(_mm256_loadu_ps(ci + 8), r1); }
            _mm256_storeu_ps(ci, r0);
            _mm256_storeu_ps(ci + 8, r1);
        } else {
            if (acc) {
                r0 = _mm256_add_ps(_mm256_maskload_ps(ci, mask0), r0);
                r1 = _mm256_add_ps(_mm256_maskload_ps(ci + 8, mask1), r1);
            }
            _mm256_maskstore_ps(ci, mask0, r0);
            _mm256_maskstore_ps(ci + 8, mask1, r1);
        }
    }
}
#endif

static void tile(long m, long n, long kn, const float *a, long sai, long sak, const float *b, long ldb,
                 float *c, long ldc, float alpha, int acc) {
#ifdef OCTO_X86
    if (octo_isa_level() >= 1) { tile_avx2(m, n, kn, a, sai, sak, b, ldb, c, ldc, alpha, acc); return; }
#endif
    tile_portable(m, n, kn, a, sai, sak, b, ldb, c, ldc, alpha, acc);
}

long octo_attention_block_rows(long t) {
    // Score rows of a block stay within ~192 KB (L2), in whole tiles, at most 48 rows.
    long rows = (49152 / (t > 0 ? t : 1)) / TILE_M * TILE_M;
    return rows < TILE_M ? TILE_M : (rows > 48 ? 48 : rows);
}

static long padded(long t) { return (t + TILE_N - 1) / TILE_N * TILE_N; }

// A head's kept probabilities: block by block, each block rows × padded(i0 + rows) floats
// after the blocks above it.
long octo_attention_probs_floats(long t) {
    const long br = octo_attention_block_rows(t);
    long floats = 0;
    for (long i0 = 0; i0 < t; i0 += br) {
        long rows = t - i0 < br ? t - i0 : br;
        floats += rows * padded(i0 + rows);
    }
    return floats;
}

long octo_attention_work_floats(long t, long d) {
    const long tp = padded(t), dp = padded(d), br = octo_attention_block_rows(t);
    // The forward's packed k and v and its scratch block; the backward's packed v and k, its
    // block of dO and q rows and its dS block.
    return 2 * dp * tp + 2 * dp * br + br * tp;
}

// B operands are packed into panels 16 wide so that a tile reads them front to back.
// Panel p of a [t, d] matrix's transpose: dst[p·d·16 + c·16 + j] = src[(16p + j)·lds + c]
// (B of the products whose inner dimension is the head dim: scores, dP).
static void pack_transposed(const float *src, long lds, long t, long d, float *dst) {
    for (long j0 = 0; j0 < t; j0 += TILE_N) {
        float *panel = dst + (j0 / TILE_N) * d * TILE_N;
        long nj = t - j0 < TILE_N ? t - j0 : TILE_N;
        for (long jj = 0; jj < nj; jj++) {
            const float *row = src + (j0 + jj) * lds;
            for (long c = 0; c < d; c++) panel[c * TILE_N + jj] = row[c];
        }
    }
}

// Panel p of a [t, d] matrix's columns 16p ..< 16p + 16: dst[p·t·16 + j·16 + c] =
// src[j·lds + 16p + c] (B of the products whose inner dimension is positions: P·V, dS·K,
// Pᵀ·dO, dSᵀ·Q).
static void pack_rows(const float *src, long lds, long t, long d, float *dst) {
    for (long c0 = 0; c0 < d; c0 += TILE_N) {
        float *panel = dst + (c0 / TILE_N) * t * TILE_N;
        long nc = d - c0 < TILE_N ? d - c0 : TILE_N;
        for (long j = 0; j < t; j++)
            for (long c = 0; c < nc; c++) panel[j * TILE_N + c] = src[j * lds + c0 + c];
    }
}

// s[r][j] = alpha · x[i0 + r] · y[j] for the block's rows r < rows and keys j up to the end of
// r's tile (i0 + its last row): yt is y packed by pack_transposed. Key tiles outer, so each
// panel of yt stays in L1 while every row tile meets it.
static void block_scores(const float *x, long ldx, const float *yt, long i0, long rows, long d, float alpha,
                         float *s, long tp) {
    const long keys = i0 + rows;
    for (long j0 = 0; j0 < keys; j0 += TILE_N) {
        const float *panel = yt + (j0 / TILE_N) * d * TILE_N;
        for (long r = 0; r < rows; r += TILE_M) {
            long m = rows - r < TILE_M ? rows - r : TILE_M;
            long kcount = i0 + r + m;
            if (kcount <= j0) continue;
            long n = kcount - j0 < TILE_N ? kcount - j0 : TILE_N;
            tile(m, n, d, x + (i0 + r) * ldx, ldx, 1, panel, TILE_N, s + r * tp + j0, tp, alpha, 0);
        }
    }
}

// out[i0 + r] = Σ_j p[r][j] · y[j] over keys j up to the end of r's tile: y packed by
// pack_rows over all t positions.
static void block_times_rows(const float *p, long tp, long i0, long rows, const float *ypan, long t, long d,
                             float *out, long ldo) {
    for (long c0 = 0; c0 < d; c0 += TILE_N) {
        long n = d - c0 < TILE_N ? d - c0 : TILE_N;
        const float *panel = ypan + (c0 / TILE_N) * t * TILE_N;
        for (long r = 0; r < rows; r += TILE_M) {
            long m = rows - r < TILE_M ? rows - r : TILE_M;
            tile(m, n, i0 + r + m, p + r * tp, tp, 1, panel, TILE_N, out + (i0 + r) * ldo + c0, ldo, 1, 0);
        }
    }
}

// out[j] += Σ_r p[r][j] · x[r] for keys j < i0 + rows: x is the block's rows packed by
// pack_rows (rows positions). Rows above key j hold zeros there, so each key tile starts at
// the first row that can see it.
static void block_transposed_times_rows(const float *p, long tp, long i0, long rows, const float *xpan, long d,
                                        float *out, long ldo) {
    const long keys = i0 + rows;
    for (long c0 = 0; c0 < d; c0 += TILE_N) {
        long n = d - c0 < TILE_N ? d - c0 : TILE_N;
        const float *panel = xpan + (c0 / TILE_N) * rows * TILE_N;
        for (long j0 = 0; j0 < keys; j0 += TILE_M) {
            long m = keys - j0 < TILE_M ? keys - j0 : TILE_M;
            long r0 = j0 > i0 ? j0 - i0 : 0;
            tile(m, n, rows - r0, p + r0 * tp + j0, 1, tp, panel + r0 * TILE_N, TILE_N, out + j0 * ldo + c0, ldo, 1, 1);
        }
    }
}

void octo_attention_forward(const float *q, long ldq, long heads, const float *k, const float *v, long ldkv,
                            long t, long d, float scale, float *o, long ldo, float *probs, float *work) {
    const long tp = padded(t), dp = padded(d), br = octo_attention_block_rows(t);
    const long per_head = octo_attention_probs_floats(t);
    float *kt = work, *vr = kt + dp * tp, *scratch = vr + dp * tp;
    pack_transposed(k, ldkv, t, d, kt);
    pack_rows(v, ldkv, t, d, vr);
    for (long h = 0; h < heads; h++) {
        const float *qh = q + h * d;
        float *oh = o + h * d;
        long block_off = 0;   // where block i0 starts in the head's kept probabilities
        for (long i0 = 0; i0 < t; i0 += br) {
            long rows = t - i0 < br ? t - i0 : br, keys = i0 + rows;
            // The block's probabilities: in the store when kept (rows of padded(keys)), else in
            // the scratch rows.
            float *s = probs ? probs + h * per_head + block_off : scratch;
            block_off += rows * padded(keys);
            long ls = probs ? padded(keys) : tp;
            block_scores(qh, ldq, kt, i0, rows, d, scale, s, ls);
            for (long r = 0; r < rows; r++) {
                float *row = s + r * ls;
                long valid = i0 + r + 1;
                float mx = octo_max(row, valid);
                float sum = octo_exp_sum(row, row, valid, 1, mx);
                octo_scale(row, valid, 1 / sum);
                for (long j = valid; j < keys; j++) row[j] = 0;
            }
            block_times_rows(s, ls, i0, rows, vr, t, d, oh, ldo);
        }
    }
}

void octo_attention_backward(const float *q, long ldq, long heads, const float *k, const float *v, long ldkv,
                             const float *o, const float *g, long ldo, const float *probs, long t, long d,
                             float scale, float *dq, float *dk, float *dv, float *work) {
    const long tp = padded(t), dp = padded(d), br = octo_attention_block_rows(t);
    const long per_head = octo_attention_probs_floats(t);
    float *vt = work, *kr = vt + dp * tp, *gr = kr + dp * tp, *qr = gr + dp * br, *ds = qr + dp * br;
    pack_transposed(v, ldkv, t, d, vt);
    pack_rows(k, ldkv, t, d, kr);
    for (long h = 0; h < heads; h++) {
        const float *qh = q + h * d, *oh = o + h * d, *gh = g + h * d;
        float *dqh = dq + h * d;
        long block_off = 0;   // where block i0 starts in the head's kept probabilities
        for (long i0 = 0; i0 < t; i0 += br) {
            long rows = t - i0 < br ? t - i0 : br, keys = i0 + rows;
            // P as the forward kept it: zeros above the diagonal, rows of padded(keys).
            const long lp = padded(keys);
            const float *p = probs + h * per_head + block_off;
            block_off += rows * lp;
            pack_rows(gh + i0 * ldo, ldo, rows, d, gr);
            pack_rows(qh + i0 * ldq, ldq, rows, d, qr);
            block_transposed_times_rows(p, lp, i0, rows, gr, d, dv, ldkv);          // dV += Pᵀ dO
            block_scores(gh, ldo, vt, i0, rows, d, 1, ds, tp);                       // dP = dO Vᵀ
            for (long r = 0; r < rows; r++) {                                        // dS = P ∘ (dP − dO·O) · scale
                const float *pr = p + r * lp;
                float *dr = ds + r * tp;
                long valid = i0 + r + 1;
                float di = octo_dot(gh + (i0 + r) * ldo, oh + (i0 + r) * ldo, d);
                for (long j = 0; j < valid; j++) dr[j] = pr[j] * (dr[j] - di) * scale;
                for (long j = valid; j < keys; j++) dr[j] = 0;
            }
            block_times_rows(ds, tp, i0, rows, kr, t, d, dqh, ldq);              // dQ = dS K
            block_transposed_times_rows(ds, tp, i0, rows, qr, d, dk, ldkv);         // dK += dSᵀ Q
        }
    }
}
