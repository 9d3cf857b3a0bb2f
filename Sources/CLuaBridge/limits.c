// Instruction budget, timeout, cancellation and Ctrl-C, through a count hook.
#include "internal.h"
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hz_sigint_counter = 0;

double hz_monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void hz_control_cancel(hz_control *control) {
    __atomic_store_n(&control->cancel_flag, 1, __ATOMIC_RELEASE);
}

static void hz_on_sigint(int signo) {
    (void)signo;
    hz_sigint_counter = hz_sigint_counter + 1;
    if (hz_sigint_counter >= 2) {
        static const char msg[] = "\nhuzhu: interrupted twice; ending the process\n";
        ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
        (void)ignored;
        _exit(130);
    }
}

void hz_install_sigint_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = hz_on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    // A parent may have started us with SIGINT blocked (a test runner's
    // worker thread, say); unblock it on this thread so Ctrl-C arrives.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

unsigned long hz_sigint_count(void) { return (unsigned long)hz_sigint_counter; }

void hz_reset_sigint(void) { hz_sigint_counter = 0; }

void hz_control_begin_run(lua_State *L, long long instruction_limit,
                          double timeout_seconds, size_t memory_limit,
                          size_t output_limit) {
    hz_control *c = hz_control_of(L);
    if (c->watch_sigint) hz_sigint_counter = 0;
    c->instr_used = 0;
    c->instr_limit = instruction_limit;
    c->timeout_seconds = timeout_seconds;
    c->deadline = timeout_seconds > 0 ? hz_monotonic_seconds() + timeout_seconds : 0;
    // A cancellation belongs to the run it stopped, or that another limit
    // stopped first: cleared. One that arrived between runs (after a
    // scheduler attached its stop request, before the run began) stays and
    // stops this run at its first check.
    if (c->hit != HZ_LIMIT_NONE) __atomic_store_n(&c->cancel_flag, 0, __ATOMIC_RELEASE);
    c->mem_limit = memory_limit;
    c->mem_refused = 0;
    c->mem_peak = c->mem_used;
    c->out_used = 0;
    c->out_limit = output_limit;
    c->hit = HZ_LIMIT_NONE;
    int period = HZ_HOOK_PERIOD;
    if (instruction_limit > 0 && instruction_limit < period) period = (int)instruction_limit;
    c->hook_period = period;
    lua_sethook(L, hz_hook, LUA_MASKCOUNT, period);
}

// Pushes "chunk:line: " of the first frame at or above `level` that runs a
// script's own code (not a C function, not the sandbox prelude's chunk), or
// "" when there is none (the run's environment was still being made).
// Leaves one string on the stack.
static void hz_push_script_where(lua_State *L, int level) {
    lua_Debug ar;
    for (int lv = level; lua_getstack(L, lv, &ar); lv++) {
        if (!lua_getinfo(L, "Sl", &ar)) break;
        if (ar.currentline > 0 && strcmp(ar.source, "=[sandbox]") != 0) {
            luaL_where(L, lv);
            return;
        }
    }
    lua_pushliteral(L, "");
}

int hz_raise_limit(lua_State *L, int limit, int level) {
    hz_control *c = hz_control_of(L);
    if (c->hit == HZ_LIMIT_NONE) c->hit = limit;
    // From now on every instruction of this thread raises again, so a
    // script cannot swallow the error with pcall and carry on.
    lua_sethook(L, hz_hook, LUA_MASKCOUNT, 1);
    hz_push_script_where(L, level);
    switch (c->hit) {
    case HZ_LIMIT_INSTRUCTIONS:
        lua_pushfstring(L, "instruction limit of %I exceeded", (lua_Integer)c->instr_limit);
        break;
    case HZ_LIMIT_TIMEOUT:
        lua_pushfstring(L, "timeout of %f seconds exceeded", (lua_Number)c->timeout_seconds);
        break;
    case HZ_LIMIT_CANCELLED:
        lua_pushliteral(L, "cancelled");
        break;
    case HZ_LIMIT_INTERRUPTED:
        lua_pushliteral(L, "interrupted (Ctrl-C)");
        break;
    case HZ_LIMIT_OUTPUT:
        lua_pushfstring(L, "output limit of %I bytes exceeded", (lua_Integer)c->out_limit);
        break;
    case HZ_LIMIT_MEMORY:
        lua_pushfstring(L, "memory limit of %I bytes exceeded", (lua_Integer)c->mem_limit);
        break;
    default:
        lua_pushliteral(L, "limit exceeded");
        break;
    }
    lua_concat(L, 2);
    return lua_error(L);
}

void hz_hook(lua_State *L, lua_Debug *ar) {
    hz_control *c = hz_control_of(L);
    if (ar->event == LUA_HOOKRET) {           // only while a return is watched
        if (c->watched != NULL && lua_getinfo(L, "fl", ar)) {  // pushes the returning function
            if (lua_topointer(L, -1) == c->watched) c->watched_return_line = ar->currentline;
            lua_pop(L, 1);
        }
        return;
    }
    hz_control_charge(c, c->hook_period);
    if (c->hit != HZ_LIMIT_NONE) hz_raise_limit(L, c->hit, 0);
}

int hz_control_charge(hz_control *c, long long instructions) {
    c->instr_used += instructions;
    if (c->hit == HZ_LIMIT_NONE) {
        if (c->instr_limit > 0 && c->instr_used >= c->instr_limit)
            c->hit = HZ_LIMIT_INSTRUCTIONS;
        else if (__atomic_load_n(&c->cancel_flag, __ATOMIC_ACQUIRE))
            c->hit = HZ_LIMIT_CANCELLED;
        else if (c->watch_sigint && (unsigned long)hz_sigint_counter > 0)
            c->hit = HZ_LIMIT_INTERRUPTED;
        else if (c->deadline > 0 && hz_monotonic_seconds() >= c->deadline)
            c->hit = HZ_LIMIT_TIMEOUT;
        else if (c->mem_refused)                // a pcall caught the refused allocation
            c->hit = HZ_LIMIT_MEMORY;
    }
    return c->hit;
}

size_t hz_control_memory_left(const hz_control *c) {
    if (c->mem_limit == 0) return SIZE_MAX;
    return c->mem_used >= c->mem_limit ? 0 : c->mem_limit - c->mem_used;
}

void hz_control_exceed_memory(hz_control *c) {
    c->mem_refused = 1;
    if (c->hit == HZ_LIMIT_NONE) c->hit = HZ_LIMIT_MEMORY;
}
