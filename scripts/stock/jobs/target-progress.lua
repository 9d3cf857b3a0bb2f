-- The monthly target-progress report (the stock job "target-progress"):
-- renders scripts/reports/target-progress.lua as of the run's date — each
-- union's members and contributions against its annual target, and whether
-- it keeps pace with the year (时间过半、任务过半). Scheduled with
-- `output = "reports/target-progress-{date}.html"`, the page is saved when
-- the run succeeds; the job's first argument picks the format (html, md,
-- csv or text; default html).
-- By hand: huzhu schedule run target-progress
--      or: huzhu report target-progress --format html --out progress.html

local format = (...) or "html"
local report = require("lib.target_progress").build(huzhu.today())
print(report:render(format))
