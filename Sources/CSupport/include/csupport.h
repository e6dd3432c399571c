// Small C helpers Swift cannot express: floating-point control (FTZ/DAZ) and signals.
#ifndef OCTO_CSUPPORT_H
#define OCTO_CSUPPORT_H

/// Sets flush-to-zero and denormals-are-zero in this thread's MXCSR (x86); no-op elsewhere.
void octo_set_ftz_daz(void);
/// Returns 1 when FTZ and DAZ are both set in this thread.
int octo_ftz_daz_enabled(void);

#endif
