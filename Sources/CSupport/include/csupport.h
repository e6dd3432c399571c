// Small C helpers Swift cannot express: floating-point control (FTZ/DAZ) and signals.
#ifndef OCTO_CSUPPORT_H
#define OCTO_CSUPPORT_H

/// Sets flush-to-zero and denormals-are-zero in this thread's MXCSR (x86); no-op elsewhere.
void octo_set_ftz_daz(void);
/// Keeps large allocations on the heap (glibc mallopt), so tensor buffers are reused.
void octo_tune_malloc(void);
/// Returns the heap's free memory to the kernel (glibc malloc_trim; no-op elsewhere).
void octo_release_free_memory(void);
/// Asks the kernel to back the 2 MiB-aligned interior of [p, p + bytes) with transparent huge
/// pages (madvise; THP in "madvise" mode needs it). Call before the memory is first touched.
void octo_advise_huge_pages(void *p, long bytes);
/// Returns 1 when FTZ and DAZ are both set in this thread.
int octo_ftz_daz_enabled(void);

// The engine's worker threads (pool.c).
/// One task of a parallel loop.
typedef void (*octo_task_fn)(void *ctx, long task);
/// Runs fn(ctx, t) for every t in [0, tasks) on the calling thread and up to threads − 1
/// persistent workers, which claim tasks as they come free; returns when all are done. Called
/// from inside a task (or while another thread's loop runs), it runs the tasks in order on the
/// calling thread.
void octo_parallel_run(long threads, long tasks, octo_task_fn fn, void *ctx);
/// Nonzero while a parallel loop runs (a call from inside one would run its tasks inline).
int octo_pool_in_job(void);



// Vector math kernels (auto-vectorised; cloned for AVX-512, AVX2 and baseline x86-64).
/// y[i] = exp(x[i] * scale - shift); returns Σ y (float accumulation in a fixed order). y may
/// be x, or NULL to get only the sum (the same bits).
float octo_exp_sum(const float *x, float *y, long n, float scale, float shift);
/// max of x[0..n) (−inf for n = 0).
float octo_max(const float *x, long n);
/// Σ a[i]·b[i] (16 partial sums, fixed combination order).
float octo_dot(const float *a, const float *b, long n);
/// Σ a[i]·b[i]·c[i].
float octo_dot3(const float *a, const float *b, const float *c, long n);
/// y[i] *= s.
void octo_scale(float *y, long n, float s);
/// out[i] = g[i]·σ(g[i])·u[i] (SwiGLU forward).
void octo_swiglu(const float *g, const float *u, float *out, long n);
/// Backward of SwiGLU: dg, du from dy.
void octo_swiglu_backward(const float *g, const float *u, const float *dy, float *dg, float *du, long n);
/// y[i] += x[i].
void octo_add(float *y, const float *x, long n);
/// Σ x[i]² in double (16 partial sums, fixed combination order).
double octo_sum_squares(const float *x, long n);
/// Rotary embedding (HF "rotate half") of rows t0 ..< t1, `heads` heads of dim d each: row t at
/// src + t·src_stride and dst + t·dst_stride (dst may be src), position positions[t], whose
/// cos/sin row is cos_table/sin_table + position·d/2; sign −1 applies the inverse rotation.
void octo_rope(const float *src, long src_stride, float *dst, long dst_stride, const long *positions, long t0,
               long t1, long heads, long d, const float *cos_table, const float *sin_table, float sign);
/// One AdamW step on n parameters p with gradients g and moments m, v (updated in place):
/// p·decay − step_size · m̂/(√v / bc2_sqrt + eps), the arithmetic of OctoTrain's AdamW.
void octo_adamw(float *p, const float *g, float *m, float *v, long n, float decay, float one_minus_beta1,
                float beta2, float one_minus_beta2, float bc2_sqrt, float eps, float step_size);

// Matrix-vector kernels for decode (gemv.c): AVX-512 / AVX2+FMA / portable, picked at run
// time. n input rows x[t] (row-major [n, in]) go through weight rows [r0, r1); output row t
// starts at y + t·ldy. Each output is one fixed-order dot product: neither the split of rows
// across threads nor the number of input rows changes any result.
/// y[t·ldy + r] = W[r,:]·x[t] (+ bias[r]) for r in [r0, r1); W is row-major [rows, in].
void octo_gemv_rows(const float *w, long in, const float *x, long n, const float *bias, float *y, long ldy,
                    long r0, long r1);
/// y[t·ldy + r] = silu(Wg[r,:]·x[t]) · (Wu[r,:]·x[t]) for r in [r0, r1).
void octo_gemv_swiglu_rows(const float *wg, const float *wu, long in, const float *x, long n, float *y, long ldy,
                           long r0, long r1);
/// As octo_gemv_rows with bfloat16 weights (widened to f32; f32 accumulation).
void octo_gemv_bf16_rows(const unsigned short *w, long in, const float *x, long n, const float *bias, float *y, long ldy,
                         long r0, long r1);
/// As octo_gemv_swiglu_rows with bfloat16 weights.
void octo_gemv_swiglu_bf16_rows(const unsigned short *wg, const unsigned short *wu, long in, const float *x, long n,
                                float *y, long ldy, long r0, long r1);
/// out[i] = x[i] rounded to bfloat16 (nearest, ties to even; NaN stays NaN).
void octo_to_bf16(const float *x, unsigned short *out, long n);
/// Σ x[0..n), read as a stream (the memory-bandwidth anchor).
float octo_read_sum(const float *x, long n);
/// The instruction set the kernels above use: "avx512f", "avx2+fma" or "portable".
const char *octo_gemv_isa(void);

// Causal attention of the query heads sharing one kv head (attention.c): q rows at stride
// ldq, k/v rows at stride ldkv, t positions of head dim d; AVX2+FMA register tiles (also on
// AVX-512 CPUs) or portable C, picked at run time, so octo_gemv_isa() names these kernels'
// instruction set too.
/// Query rows per block for t positions (their score rows stay in L2).
long octo_attention_block_rows(long t);
/// Floats of scratch the two calls below need for t positions and head dim d.
long octo_attention_work_floats(long t, long d);
/// Floats of one query head's kept probabilities for t positions (the causal part, by blocks).
long octo_attention_probs_floats(long t);
/// For each of `heads` query heads sharing one kv head (head h's q, o at + h·d): o[i] =
/// softmax(scale · q[i]·kᵀ over keys ≤ i) · v. With `probs` (not NULL), head h's
/// probabilities are kept at probs + h·octo_attention_probs_floats(t) for the backward.
void octo_attention_forward(const float *q, long ldq, long heads, const float *k, const float *v, long ldkv,
                            long t, long d, float scale, float *o, long ldo, float *probs, float *work);
/// Backward of the above given dO = g (o and g at stride ldo) and the probabilities it kept:
/// writes dq (stride ldq), adds into dk and dv (stride ldkv), heads in order.
void octo_attention_backward(const float *q, long ldq, long heads, const float *k, const float *v, long ldkv,
                             const float *o, const float *g, long ldo, const float *probs, long t, long d,
                             float scale, float *dq, float *dk, float *dv, float *work);
#endif
