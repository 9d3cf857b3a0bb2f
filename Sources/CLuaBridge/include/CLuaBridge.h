// The C side of Huzhu's Lua bridge.
//
// This is the only code in Huzhu that raises Lua errors. Swift host
// functions report failure by return value; the trampoline below raises the
// error after Swift has returned, so a longjmp never crosses a Swift frame.
// Every symbol carries the `hz_` prefix.
#ifndef HUZHU_CLUA_BRIDGE_H
#define HUZHU_CLUA_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct lua_State lua_State;

/// Which limit ended a run. Once one is hit it stays hit for the run.
typedef enum {
    HZ_LIMIT_NONE = 0,
    HZ_LIMIT_INSTRUCTIONS = 1,
    HZ_LIMIT_TIMEOUT = 2,
    HZ_LIMIT_CANCELLED = 3,
    HZ_LIMIT_OUTPUT = 4,
    HZ_LIMIT_INTERRUPTED = 5,
    /// An allocation was refused at the memory limit and a `pcall` caught
    /// the error: the run is stopped at the next hook, as for instructions.
    HZ_LIMIT_MEMORY = 6,
} hz_limit;

/// Receives what `print` writes (bytes, not NUL-terminated).
typedef void (*hz_output_fn)(void *context, const char *bytes, size_t length);

/// Called by the trampoline for every call of a Swift host function.
/// Returns the number of results pushed, or `HZ_HOST_ERROR` with the
/// error message (a string) on top of the stack.
typedef int (*hz_host_dispatch_fn)(lua_State *L, void *function);

/// Called when Lua collects the userdata that owns a retained Swift object.
typedef void (*hz_release_fn)(void *object);

#define HZ_HOST_ERROR (-1)

/// Per-state accounting and limits. Lives as long as the state; the
/// allocator's user data points at it, so every coroutine finds it too.
typedef struct hz_control {
    size_t mem_used;          // bytes currently allocated by Lua
    size_t mem_peak;          // highest mem_used since the last reset
    size_t mem_limit;         // 0 = unlimited
    int mem_refused;          // the allocator refused at least once this run
    int protected_depth;      // > 0 while Lua runs under hz_pcall
    int host_depth;           // > 0 while a Swift host function runs
    long long instr_used;     // instructions counted this run
    long long instr_limit;    // 0 = unlimited
    int hook_period;          // count-hook period of the main thread
    double deadline;          // monotonic seconds, 0 = none
    double timeout_seconds;   // for the message
    int cancel_flag;          // set from any thread through hz_control_cancel
    int watch_sigint;         // SIGINT (Ctrl-C) interrupts this state's runs
    size_t out_used;          // bytes printed this run
    size_t out_limit;         // 0 = unlimited
    hz_output_fn out_fn;
    void *out_context;
    int hit;                  // an hz_limit: the first limit hit this run
    const void *watched;      // a function whose return line to record, or NULL
    int watched_return_line;  // the line it last returned from (-1: none)
} hz_control;

/// Installs the Swift dispatcher and releaser (once per process).
void hz_set_host_callbacks(hz_host_dispatch_fn dispatch, hz_release_fn release);

/// Creates a state whose allocator accounts into `control`, with the count
/// hook installed. Returns NULL if memory is exhausted.
lua_State *hz_newstate(hz_control *control);

/// Returns the control block of any thread of a state made by hz_newstate.
hz_control *hz_control_of(lua_State *L);

/// Starts a run: resets the counters and flags, re-arms the hook.
void hz_control_begin_run(lua_State *L, long long instruction_limit,
                          double timeout_seconds, size_t memory_limit,
                          size_t output_limit);

/// Asks the running script to stop; safe from any thread.
void hz_control_cancel(hz_control *control);

/// Counts `instructions` of work done for the script outside the VM (an
/// SQLite query stepping) against the run's budget and checks the other
/// limits as the count hook does (cancellation, Ctrl-C, the deadline).
/// Returns the limit hit this run (HZ_LIMIT_NONE: carry on). Raises
/// nothing: the host function that does the work stops and fails, and
/// the trampoline then raises the limit's error.
int hz_control_charge(hz_control *control, long long instructions);

/// Bytes the script may still allocate before the memory limit (SIZE_MAX
/// when there is none).
size_t hz_control_memory_left(const hz_control *control);

/// Marks the memory limit exceeded by work done for the script (a result
/// too large to hand over): the host function fails with the limit's error
/// and the run stops as if Lua's own allocation had been refused.
void hz_control_exceed_memory(hz_control *control);

/// Current monotonic clock in seconds.
double hz_monotonic_seconds(void);

/// Installs a SIGINT handler that interrupts states watching SIGINT. A
/// second Ctrl-C while a run is already interrupted ends the process with
/// status 130 (a script stuck in a C function cannot be stopped otherwise).
void hz_install_sigint_handler(void);

/// How many SIGINTs the process has received since the last reset.
unsigned long hz_sigint_count(void);

/// Forgets earlier SIGINTs (a REPL calls this when it shows a new prompt).
void hz_reset_sigint(void);

/// Calls the function below `nargs` arguments in protected mode with a
/// message handler that records a traceback (see hz_last_traceback). The
/// memory limit is enforced only inside this call. Leaves `nresults`
/// results (or one error message) in place of the function and arguments.
/// Needs 2 free stack slots.
int hz_pcall(lua_State *L, int nargs, int nresults);

/// Like hz_pcall, and records in the control block's watched_return_line
/// the line of the `return` by which the called function returned (so a
/// bad result can be blamed on its line).
int hz_pcall_recording_return(lua_State *L, int nargs, int nresults);

/// Pushes the traceback recorded by the last failed hz_pcall (or nil).
void hz_push_last_traceback(lua_State *L);

/// Pushes a C closure that calls Swift's dispatcher with `function`, a
/// retained Swift object; the closure owns it and releases it when
/// collected. Needs 2 free stack slots.
void hz_push_host_function(lua_State *L, void *function);

/// Pushes a new userdata owning the retained Swift object `object`, with the
/// metatable stored in the registry under `metatable_key`.
void hz_push_host_object(lua_State *L, void *object, const char *metatable_key);

/// The Swift object of a host userdata at `index` if its metatable is the
/// one stored under `metatable_key`; NULL otherwise.
void *hz_to_host_object(lua_State *L, int index, const char *metatable_key);

/// Pushes the `__gc` metamethod for host-object metatables.
void hz_push_host_object_gc(lua_State *L);

/// Writes bytes to the C library's buffered standard output (what Swift's
/// `print` writes to), so a host's default output keeps their order.
void hz_write_stdout(const void *bytes, size_t length);

/// Flushes the C library's standard output.
void hz_flush_stdout(void);

/// Pushes the sandbox `print`: writes through the control's output
/// function and enforces the output limit.
void hz_push_print(lua_State *L);

/// Pushes a function that returns true once a limit was hit this run.
void hz_push_limit_hit(lua_State *L);

/// Converts the value at `index` to a string as `tostring` would
/// (metamethods included), in protected mode. Pushes the string, or an
/// error message; returns the status. Needs 3 free stack slots.
int hz_tostring_protected(lua_State *L, int index);

/// Runs a full garbage collection in protected mode.
int hz_collect_garbage(lua_State *L);

/// Pushes a C function `f(n) -> n + 1` checking its argument with
/// luaL_checkinteger: the baseline of the host-call benchmark.
void hz_push_bench_add_one(lua_State *L);

#endif
