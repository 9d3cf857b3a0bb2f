for _, unit in ipairs{"BH001", "BH002", "LY001", "GJ001"} do
  local r = huzhu.enroll_unit{unit = unit, plan = "ACC"}
  print(unit, "ACC", r.enrolled)
end
local p = huzhu.enroll{member = "340104198505050122", plan = "FEM"}
print("FEM", p.id, p.contribution)
local q = huzhu.enroll{member = "340104199003030134", plan = "INP"}
print("INP", q.id, q.contribution)
