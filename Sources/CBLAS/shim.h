// OpenBLAS's CBLAS interface (libopenblas-dev; include path from pkg-config openblas).
#include <cblas.h>
