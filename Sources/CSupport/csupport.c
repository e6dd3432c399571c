#include "csupport.h"
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>

void octo_tune_malloc(void) {
#ifdef M_MMAP_THRESHOLD
    // Keep large tensor buffers on the heap: mmap/munmap per op costs page faults.
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

void octo_release_free_memory(void) {
#ifdef __GLIBC__
    (void)malloc_trim(0);
#endif
}

void octo_advise_huge_pages(void *p, long bytes) {
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = 2u << 20;
    uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t hi = ((uintptr_t)p + (uintptr_t)bytes) & ~(huge - 1);
    if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);   // a hint: failure is harmless
#else
    (void)p; (void)bytes;
#endif
}

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#include <pmmintrin.h>
void octo_set_ftz_daz(void) {
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
}
int octo_ftz_daz_enabled(void) {
    unsigned int csr = _mm_getcsr();
    return ((csr & 0x8000) != 0) && ((csr & 0x0040) != 0);
}
#else
void octo_set_ftz_daz(void) {}
int octo_ftz_daz_enabled(void) { return 0; }
#endif
