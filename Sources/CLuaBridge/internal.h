// Declarations shared by the bridge's C files; not part of its interface.
#ifndef HUZHU_CLUA_BRIDGE_INTERNAL_H
#define HUZHU_CLUA_BRIDGE_INTERNAL_H

#include "CLuaBridge.h"
#include <lua.h>
#include <lauxlib.h>

/// The count hook; raises the limit error once a limit is hit.
void hz_hook(lua_State *L, lua_Debug *ar);

/// Marks `limit` hit (if none was), switches this thread's hook to fire on
/// every instruction, and raises the limit's error. Does not return.
int hz_raise_limit(lua_State *L, int limit, int level);

/// Registry key of the last traceback recorded by the message handler.
#define HZ_TRACEBACK_KEY "huzhu.traceback"

/// Default count-hook period (instructions between two checks).
#define HZ_HOOK_PERIOD 1000

#endif
