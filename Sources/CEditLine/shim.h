// libedit's readline-compatible interface, for `huzhu repl`.
#ifndef HUZHU_CEDITLINE_SHIM_H
#define HUZHU_CEDITLINE_SHIM_H
#include <stdio.h>
#include <locale.h>
#include <editline/readline.h>
#endif
