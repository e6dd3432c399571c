// The instruction set the hand-written kernels of gemv.c and attention.c pick at run time
// (private to CSupport).
#ifndef OCTO_ISA_H
#define OCTO_ISA_H
/// 2: AVX-512F (whose CPUs all have AVX2 + FMA too), 1: AVX2 + FMA, 0: portable C. Detected once.
int octo_isa_level(void);
#endif
