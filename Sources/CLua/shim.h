// The Lua 5.4 C API as Swift can import it.
//
// Lua defines much of its API as macros, which Swift cannot call. Each one
// used by the Swift side is re-declared here as a `static inline` function
// with the same name prefixed `hzlua_` (see GRDB's GRDBSQLite/shim.h for the
// same pattern over SQLite). Nothing here raises a Lua error by itself.
#ifndef HUZHU_CLUA_SHIM_H
#define HUZHU_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static inline int hzlua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int hzlua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void hzlua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void hzlua_newtable(lua_State *L) { lua_newtable(L); }
static inline void hzlua_insert(lua_State *L, int idx) { lua_insert(L, idx); }
static inline void hzlua_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline void hzlua_replace(lua_State *L, int idx) { lua_replace(L, idx); }
static inline void hzlua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline int hzlua_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
static inline int hzlua_istable(lua_State *L, int idx) { return lua_istable(L, idx); }
static inline int hzlua_isfunction(lua_State *L, int idx) { return lua_isfunction(L, idx); }
static inline const char *hzlua_tostring(lua_State *L, int idx) { return lua_tostring(L, idx); }
static inline void *hzlua_getextraspace(lua_State *L) { return lua_getextraspace(L); }
static inline int hzlua_pushglobaltable(lua_State *L) { return lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); }
static inline int hzlua_minstack(void) { return LUA_MINSTACK; }
static inline long long hzlua_maxinteger(void) { return LUA_MAXINTEGER; }

#endif
