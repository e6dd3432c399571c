// The engine's worker threads: a persistent pool that runs the tasks of one parallel loop.
// DispatchQueue.concurrentPerform woke a thread per loop through the kernel, which cost more
// than the work in batch-1 decode (tens of loops of ~10 µs per token): a perf profile of
// BENCH-S decode showed ~40 % of the time in sched_yield / futex / task switches. Here the
// workers spin on a generation counter for a short while after each loop (pure pause loop,
// then sched_yield, so another runnable thread gets the core), then sleep on a condition
// variable. OpenBLAS runs single-threaded on these threads (a large GEMM is split into pieces
// that run as one loop), so no other pool competes for the cores. Tasks are claimed from a
// shared counter; which thread runs a task never changes its result, so the bits depend only
// on how the caller splits the work.
#include "csupport.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define OCTO_PAUSE() _mm_pause()
#else
#define OCTO_PAUSE() ((void)0)
#endif

#define OCTO_POOL_MAX 63
/// Pure spinning before yielding, and spinning with sched_yield before sleeping (ns).
#define OCTO_SPIN_NS 100000L
#define OCTO_YIELD_NS 1000000L

static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_wake = PTHREAD_COND_INITIALIZER;
static long pool_workers;                 // started workers (only grows; under pool_mutex)
static _Atomic long pool_generation;      // bumped once per job, after its fields are written
static _Atomic int pool_sleepers;         // workers waiting on pool_wake
static _Atomic int pool_busy;             // a job is running: other callers run inline
static _Atomic long job_next;             // next unclaimed task
static _Atomic long job_checked_out;      // workers done with the current job
static long job_tasks, job_threads;
static octo_task_fn job_fn;
static void *job_ctx;

static long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void run_claimed_tasks(void) {
    for (;;) {
        long t = atomic_fetch_add(&job_next, 1);
        if (t >= job_tasks) return;
        job_fn(job_ctx, t);
    }
}

/// Waits until the generation differs from `seen`: spin, then yield, then sleep.
static long wait_for_job(long seen) {
    long start = now_ns();
    for (long i = 0;; i++) {
        long g = atomic_load(&pool_generation);
        if (g != seen) return g;
        if ((i & 63) != 63) { OCTO_PAUSE(); continue; }
        long waited = now_ns() - start;
        if (waited < OCTO_SPIN_NS) continue;
        if (waited < OCTO_YIELD_NS) { sched_yield(); continue; }
        pthread_mutex_lock(&pool_mutex);
        atomic_fetch_add(&pool_sleepers, 1);
        while ((g = atomic_load(&pool_generation)) == seen) pthread_cond_wait(&pool_wake, &pool_mutex);
        atomic_fetch_sub(&pool_sleepers, 1);
        pthread_mutex_unlock(&pool_mutex);
        return g;
    }
}

static long worker_first_seen[OCTO_POOL_MAX + 1];

static void *worker_main(void *arg) {
    long index = (long)arg;    // 1-based: the caller is thread 0
    octo_set_ftz_daz();
    // The generation before the job that started this worker: the worker may first run after
    // that job's bump, and must still take part in it.
    long seen = worker_first_seen[index];
    for (;;) {
        seen = wait_for_job(seen);
        if (index < job_threads) run_claimed_tasks();
        atomic_fetch_add(&job_checked_out, 1);
    }
    return 0;
}

/// Starts workers until `count` exist. Called only by the job's owner (pool_busy held) or
/// before any job, so no worker is inside a job while the count changes.
static long ensure_workers(long count) {
    pthread_mutex_lock(&pool_mutex);
    while (pool_workers < count && pool_workers < OCTO_POOL_MAX) {
        pthread_t thread;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        worker_first_seen[pool_workers + 1] = atomic_load(&pool_generation);
        int rc = pthread_create(&thread, &attr, worker_main, (void *)(pool_workers + 1));
        pthread_attr_destroy(&attr);
        if (rc != 0) break;
        pool_workers++;
    }
    long n = pool_workers;
    pthread_mutex_unlock(&pool_mutex);
    return n;
}

void octo_parallel_run(long threads, long tasks, octo_task_fn fn, void *ctx) {
    if (tasks <= 0) return;
    int expected = 0;
    if (threads <= 1 || tasks == 1 || !atomic_compare_exchange_strong(&pool_busy, &expected, 1)) {
        // One thread, one task, or called from inside a job (or beside one): the same tasks in order.
        for (long t = 0; t < tasks; t++) fn(ctx, t);
        return;
    }
    long workers = ensure_workers(threads - 1);
    job_fn = fn; job_ctx = ctx; job_tasks = tasks; job_threads = threads;
    atomic_store(&job_next, 0);
    atomic_store(&job_checked_out, 0);
    atomic_fetch_add(&pool_generation, 1);
    if (atomic_load(&pool_sleepers) > 0) {
        pthread_mutex_lock(&pool_mutex);
        pthread_cond_broadcast(&pool_wake);
        pthread_mutex_unlock(&pool_mutex);
    }
    run_claimed_tasks();
    // Every worker checks out of every job, so none still reads this job's fields when the
    // next job writes them.
    for (long i = 0; atomic_load(&job_checked_out) < workers; i++) {
        if (i < 4096) OCTO_PAUSE(); else sched_yield();
    }
    atomic_store(&pool_busy, 0);
}

int octo_pool_in_job(void) { return atomic_load(&pool_busy); }
