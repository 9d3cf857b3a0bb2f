// The sandbox's print: output through the host, within the output limit.
#include "internal.h"
#include <stdio.h>

void hz_write_stdout(const void *bytes, size_t length) {
    fwrite(bytes, 1, length, stdout);
}

void hz_flush_stdout(void) {
    fflush(stdout);
}

static int hz_print(lua_State *L) {
    hz_control *c = hz_control_of(L);
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);            // may call __tostring
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);                       // the line
    size_t length = 0;
    const char *line = lua_tolstring(L, -1, &length);
    if (c->hit != HZ_LIMIT_NONE) return hz_raise_limit(L, c->hit, 1);
    if (c->out_limit != 0 && c->out_used + length > c->out_limit)
        return hz_raise_limit(L, HZ_LIMIT_OUTPUT, 1);
    c->out_used += length;
    if (c->out_fn != NULL) c->out_fn(c->out_context, line, length);
    return 0;
}

void hz_push_print(lua_State *L) { lua_pushcfunction(L, hz_print); }

static int hz_limit_hit(lua_State *L) {
    lua_pushboolean(L, hz_control_of(L)->hit != HZ_LIMIT_NONE);
    return 1;
}

void hz_push_limit_hit(lua_State *L) { lua_pushcfunction(L, hz_limit_hit); }
