-- The city beside its peers (与兄弟城市比较): members enrolled and
-- contributions collected, against the figures the seed speech quotes for
-- 2008 — Beijing 800,000 members and 36 million yuan, Jilin 306,000 and
-- 6 million, Chengdu 507,000 and nearly 10 million.
--   huzhu report peer-cities [-- YEAR]

local lib = require("lib.reporting")
local L = lib.label
local year = lib.year(...)
local as_of = lib.as_of(year)

local peers = {
  {name = L("北京", "Beijing"), members = 800000, contributions = huzhu.fen("36000000")},
  {name = L("吉林", "Jilin"), members = 306000, contributions = huzhu.fen("6000000")},
  {name = L("成都", "Chengdu"), members = 507000, contributions = huzhu.fen("10000000")},
}
local _, federation = lib.top_units()
local own = federation and huzhu.indicators{unit = federation.code, from = ("%d-01-01"):format(year), to = as_of}

local r = huzhu.report.new{
  title = L("与兄弟城市比较", "Compared with peer cities"),
  subtitle = L(("兄弟城市为2008年数字；本市为%d年，截至%s"):format(year, as_of),
               ("Peer figures are for 2008; ours for %d, as of %s"):format(year, as_of)),
}
local t = r:table{title = L("参保人数与缴费", "Members and contributions"), columns = {
  {key = "city", label = L("城市", "City")},
  {key = "members", label = L("参保人数", "Members"), type = "integer"},
  {key = "contributions", label = L("缴费金额", "Contributions"), type = "money"},
  {key = "per_member", label = L("人均缴费", "Per member"), type = "money"},
}}
local function add(name, members, contributions)
  t:add{city = name, members = members, contributions = contributions,
        per_member = members > 0 and huzhu.share(contributions, 1, members) or 0}
end
add(federation and federation.name or L("本市", "This city"), own and own.enrolled or 0, own and own.contributions.total or 0)
for _, peer in ipairs(peers) do add(peer.name, peer.members, peer.contributions) end
r:paragraph(L("成都的“近1000万元”按1000万元计。", "Chengdu's \"nearly 10 million\" is taken as 10 million."))
r:chart{type = "bar", table = t, label = "city", values = {"members"}, title = L("参保人数", "Members")}
r:chart{type = "bar", table = t, label = "city", values = {"contributions"}, title = L("缴费金额", "Contributions")}
return r
