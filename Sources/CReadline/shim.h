// GNU readline and history (libreadline-dev).
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
