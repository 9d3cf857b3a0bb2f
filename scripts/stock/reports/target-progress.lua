-- Target progress (目标任务完成进度) with the 时间过半、任务过半 check ("half
-- the year gone, half the target done"): for each union with a target for
-- the year, members and contributions so far, completion against the share
-- of the year gone, and the date the target was reached.
--   huzhu report target-progress [-- DATE]     (default: the business date)

return require("lib.target_progress").build((...) or huzhu.today())
