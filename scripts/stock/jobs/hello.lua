-- A first job: prints the workspace's headline figures.
-- Run it with `huzhu run scripts/jobs/hello.lua` inside a workspace.
print(("members: %d, policies: %d"):format(huzhu.members.count{}, huzhu.policies.count{}))
