// The state, its accounting allocator and its control block.
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>

// Lua's allocator (lua_Alloc). Accounts every block into the control block.
// It refuses to grow past the memory limit only while Lua runs under
// hz_pcall and no Swift host function is on the stack: a refusal raises a
// Lua error, which must never unwind through Swift frames.
static void *hz_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    hz_control *c = (hz_control *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        c->mem_used -= old;
        return NULL;
    }
    if (nsize > old && c->mem_limit != 0 && c->protected_depth > 0 && c->host_depth == 0
        && c->mem_used - old + nsize > c->mem_limit) {
        c->mem_refused = 1;
        return NULL;  // Lua runs an emergency collection, then raises LUA_ERRMEM
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    c->mem_used = c->mem_used - old + nsize;
    if (c->mem_used > c->mem_peak) c->mem_peak = c->mem_used;
    return block;
}

static int hz_panic(lua_State *L) {
    // Reached only if a Lua error escapes every protected call: a bug.
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "huzhu: fatal Lua error outside a protected call: %s\n", msg ? msg : "?");
    abort();
}

lua_State *hz_newstate(hz_control *control) {
    lua_State *L = lua_newstate(hz_alloc, control);
    if (L == NULL) return NULL;
    lua_atpanic(L, hz_panic);
    control->hook_period = HZ_HOOK_PERIOD;
    lua_sethook(L, hz_hook, LUA_MASKCOUNT, HZ_HOOK_PERIOD);
    return L;
}

hz_control *hz_control_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (hz_control *)ud;
}
