// The baseline of the host-call benchmark: a plain C function with an
// integer argument check, as a C library would register it.
#include "internal.h"

static int hz_bench_add_one(lua_State *L) {
    lua_Integer n = luaL_checkinteger(L, 1);
    lua_pushinteger(L, n + 1);
    return 1;
}

void hz_push_bench_add_one(lua_State *L) { lua_pushcfunction(L, hz_bench_add_one); }
