// Entering Lua from Swift: protected calls with a traceback, protected
// conversions and collection.
#include "internal.h"

// Message handler (as lua.c's msghandler): turns the error object into a
// string and records a traceback in the registry. Returns the message.
static int hz_msgh(lua_State *L) {
    if (lua_type(L, 1) != LUA_TSTRING) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
            lua_replace(L, 1);  // the error object's own text
        } else {
            lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
            lua_replace(L, 1);
        }
    }
    lua_settop(L, 1);                          // message
    luaL_traceback(L, L, NULL, 1);             // message, traceback
    lua_setfield(L, LUA_REGISTRYINDEX, HZ_TRACEBACK_KEY);  // message
    return 1;
}

int hz_pcall(lua_State *L, int nargs, int nresults) {
    hz_control *c = hz_control_of(L);
    int base = lua_gettop(L) - nargs;          // index of the function
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, HZ_TRACEBACK_KEY);  // forget the last traceback
    lua_pushcfunction(L, hz_msgh);
    lua_insert(L, base);                       // handler, function, args
    // A host function may call back into Lua (a rule evaluated while a
    // script enrolls): inside, Lua code runs again, so the memory limit
    // applies again until the call returns to the host function.
    int saved_host_depth = c->host_depth;
    c->host_depth = 0;
    c->protected_depth++;
    int status = lua_pcall(L, nargs, nresults, base);
    c->protected_depth--;
    c->host_depth = saved_host_depth;
    lua_remove(L, base);                       // results or message
    return status;
}

void hz_push_last_traceback(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, HZ_TRACEBACK_KEY);
}

static int hz_tostring_body(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int hz_tostring_protected(lua_State *L, int index) {
    index = lua_absindex(L, index);
    lua_pushcfunction(L, hz_tostring_body);
    lua_pushvalue(L, index);
    return hz_pcall(L, 1, 1);                  // string or message
}

static int hz_collect_body(lua_State *L) {
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}

int hz_collect_garbage(lua_State *L) {
    lua_pushcfunction(L, hz_collect_body);
    int status = hz_pcall(L, 0, 0);
    if (status != LUA_OK) lua_pop(L, 1);
    return status;
}

int hz_pcall_recording_return(lua_State *L, int nargs, int nresults) {
    hz_control *c = hz_control_of(L);
    const void *saved = c->watched;
    c->watched = lua_topointer(L, -nargs - 1);   // the function being called
    c->watched_return_line = -1;
    lua_sethook(L, hz_hook, LUA_MASKCOUNT | LUA_MASKRET, c->hook_period);
    int status = hz_pcall(L, nargs, nresults);
    lua_sethook(L, hz_hook, LUA_MASKCOUNT, c->hook_period);
    c->watched = saved;
    return status;
}
