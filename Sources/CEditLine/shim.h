// libedit's readline-compatible interface, for `huzhu repl`.
#ifndef HUZHU_CEDITLINE_SHIM_H
#define HUZHU_CEDITLINE_SHIM_H
#include <stdio.h>
#include <locale.h>
#include <editline/readline.h>

// Swift 6 sees libedit's settings as shared mutable globals; these set them
// from C instead.

/// Names the program, sets the word breaks for completion and the completion function.
static inline void hz_rl_configure(const char *name, const char *word_breaks, rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_completer_word_break_characters = (char *)word_breaks;
    rl_attempted_completion_function = complete;
    rl_completion_append_character = 0;
}

/// Tells libedit not to fall back to file-name completion.
static inline void hz_rl_completion_over(void) {
    rl_attempted_completion_over = 1;
}
#endif
