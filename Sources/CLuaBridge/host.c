// Swift host functions and host objects, seen from Lua.
#include "internal.h"

static hz_host_dispatch_fn hz_dispatch = NULL;
static hz_release_fn hz_release = NULL;

void hz_set_host_callbacks(hz_host_dispatch_fn dispatch, hz_release_fn release) {
    hz_dispatch = dispatch;
    hz_release = release;
}

// A block owning one retained Swift object; released by __gc. Function
// boxes also remember their state's control block (one call fewer per call).
typedef struct { void *object; hz_control *control; } hz_box;

static int hz_box_gc(lua_State *L) {
    hz_box *box = (hz_box *)lua_touserdata(L, 1);
    if (box != NULL && box->object != NULL) {
        void *object = box->object;
        box->object = NULL;
        hz_release(object);
    }
    return 0;
}

void hz_push_host_object_gc(lua_State *L) { lua_pushcfunction(L, hz_box_gc); }

// The trampoline: every Swift host function is this C closure with its box
// as upvalue 1. Swift runs and returns; only then, back in C, is an error
// raised, with the calling script's `chunk:line:` in front.
static int hz_trampoline(lua_State *L) {
    hz_box *box = (hz_box *)lua_touserdata(L, lua_upvalueindex(1));
    hz_control *c = box->control;
    c->host_depth++;
    int n = hz_dispatch(L, box->object);
    c->host_depth--;
    if (n == HZ_HOST_ERROR) {                  // ..., message
        // A limit hit while the host function worked for the script (its
        // query interrupted, its result over the memory limit): the
        // limit's own error, uncatchable like the hook's.
        if (c->hit != HZ_LIMIT_NONE) return hz_raise_limit(L, c->hit, 1);
        luaL_where(L, 1);                      // ..., message, where
        lua_insert(L, -2);                     // ..., where, message
        lua_concat(L, 2);                      // ..., where..message
        return lua_error(L);
    }
    return n;
}

static const char *const HZ_FUNCTION_BOX = "huzhu.functionbox";

void hz_push_host_function(lua_State *L, void *function) {
    hz_box *box = (hz_box *)lua_newuserdatauv(L, sizeof(hz_box), 0);
    box->object = function;
    box->control = hz_control_of(L);
    if (luaL_newmetatable(L, HZ_FUNCTION_BOX)) {  // box, mt
        lua_pushcfunction(L, hz_box_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);                   // box
    lua_pushcclosure(L, hz_trampoline, 1);     // closure
}

void hz_push_host_object(lua_State *L, void *object, const char *metatable_key) {
    hz_box *box = (hz_box *)lua_newuserdatauv(L, sizeof(hz_box), 0);
    box->object = object;
    box->control = hz_control_of(L);
    luaL_setmetatable(L, metatable_key);       // box with its type's metatable
}

void *hz_to_host_object(lua_State *L, int index, const char *metatable_key) {
    hz_box *box = (hz_box *)luaL_testudata(L, index, metatable_key);
    return box ? box->object : NULL;
}
