/// The trusted Lua code that builds each run's sandboxed environment.
///
/// It runs once per state, with the full standard library, and returns
/// `newenv(modules, arg)`, which makes a fresh global table for one run:
/// copies of the allowed base functions and libraries (so one run cannot
/// alter them for the next), the host's modules, and wrappers that close
/// the escapes of stock Lua 5.4:
///
/// - `load` is text-only and defaults to the run's environment;
/// - `setmetatable` refuses metatables with a `__gc` field (a finalizer
///   runs with hooks disabled, so a looping one would hang the host);
/// - `xpcall` skips the script's message handler once a limit is hit (a
///   handler for an error raised by the count hook runs with hooks disabled);
/// - `collectgarbage` accepts only "count", "collect" and "step";
/// - `require` finds Lua modules under the script root only;
/// - reading an undefined global is an error that names it.
enum SandboxPrelude {
    static let chunkName = "=[sandbox]"

    static let source = #"""
local hostprint, limit_hit, resolve = ...
local error, load, next, pairs, pcall, rawget, select, setmetatable, tostring, type, xpcall =
      error, load, next, pairs, pcall, rawget, select, setmetatable, tostring, type, xpcall
local collectgarbage, format = collectgarbage, string.format

-- string.dump would hand out binary chunks; remove it from the one string
-- table every string value reaches through its metatable, and hide that
-- metatable so no run can change what ("").upper means for the next.
string.dump = nil
local string_mt = getmetatable("")
string_mt.__metatable = false

-- Calls a library function for a wrapper and re-raises its error at the
-- script's line instead of the wrapper's own.
local function forward(ok, ...)
  if ok then return ... end
  local message = ...
  if type(message) == "string" then message = message:gsub("^%[sandbox%]:%d+: ", "") end
  error(message, 2)  -- forward is tail-called: level 2 is the script
end

local function unavailable(what)
  error(format("'%s' is not available in scripts (sandbox)", what), 3)
end

local function guard(libname, names)
  local blocked = {}
  for _, n in ipairs(names) do blocked[n] = true end
  return { __metatable = false, __index = function(_, k)
    if blocked[k] then unavailable(libname .. "." .. tostring(k)) end
  end }
end

local base = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
  pcall = pcall, rawequal = rawequal, rawget = rawget, rawlen = rawlen,
  rawset = rawset, select = select, getmetatable = getmetatable,
  tonumber = tonumber, tostring = tostring, type = type, _VERSION = _VERSION,
  print = hostprint,
}
local libs = {
  string = string, table = table, math = math, utf8 = utf8, coroutine = coroutine,
  os = { time = os.time, clock = os.clock, date = os.date, difftime = os.difftime },
}
local lib_guards = {
  os = guard("os", { "execute", "exit", "getenv", "remove", "rename", "tmpname", "setlocale" }),
  string = guard("string", { "dump" }),
}
local package_guard = guard("package", { "loadlib", "cpath", "searchers", "searchpath", "preload" })
local disabled_globals = {
  dofile = true, loadfile = true, io = true, debug = true, warn = true,
}
local disabled_modules = { io = true, debug = true, ffi = true }

local function copy(t, seen)
  local c = {}
  seen[t] = c
  for k, v in next, t do
    if type(v) == "table" then v = seen[v] or copy(v, seen) end
    c[k] = v
  end
  return c
end

local strict = { __metatable = false, __index = function(_, k)
  if disabled_globals[k] then unavailable(tostring(k)) end
  error(format("undefined global '%s'", tostring(k)), 2)
end }

return function(modules, arg)
  local env = copy(base, {})
  local loaded = {}
  for name, lib in pairs(libs) do
    local c = copy(lib, {})
    if lib_guards[name] then setmetatable(c, lib_guards[name]) end
    env[name] = c
    loaded[name] = c
  end
  for name, m in pairs(modules) do
    local c = copy(m, {})
    env[name] = c
    loaded[name] = c
  end
  env._G = env
  env.arg = arg
  env.package = setmetatable({ loaded = loaded, path = "?.lua;?/init.lua" }, package_guard)

  env.load = function(chunk, name, mode, ...)
    local e = env
    if select("#", ...) > 0 then e = ... end
    return load(chunk, name, "t", e)
  end

  env.setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
      error("bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in scripts)", 2)
    end
    return forward(pcall(setmetatable, t, mt))
  end

  env.xpcall = function(f, msgh, ...)
    if type(msgh) ~= "function" then
      error(format("bad argument #2 to 'xpcall' (function expected, got %s)", type(msgh)), 2)
    end
    return xpcall(f, function(e)
      if limit_hit() then return e end
      return msgh(e)
    end, ...)
  end

  env.collectgarbage = function(opt, ...)
    opt = opt or "collect"
    if opt ~= "count" and opt ~= "collect" and opt ~= "step" then
      error(format("bad argument #1 to 'collectgarbage' (option '%s' is not allowed in scripts)", tostring(opt)), 2)
    end
    return forward(pcall(collectgarbage, opt, ...))
  end

  local loading = {}
  env.require = function(name)
    if type(name) ~= "string" then
      error(format("bad argument #1 to 'require' (string expected, got %s)", type(name)), 2)
    end
    local v = loaded[name]
    if v ~= nil then return v end
    if disabled_modules[name] then
      error(format("module '%s' is not available in scripts (sandbox)", name), 2)
    end
    if loading[name] then
      error(format("loop or previous error loading module '%s'", name), 2)
    end
    local source, chunkname = resolve(name)
    if source == nil then error(chunkname, 2) end
    local f, err = load(source, "@" .. chunkname, "t", env)
    if f == nil then error(err, 0) end
    loading[name] = true
    local r = f(name, chunkname)
    loading[name] = nil
    if r == nil then r = true end
    if loaded[name] == nil then loaded[name] = r end
    return loaded[name]
  end

  return setmetatable(env, strict)
end
"""#
}
