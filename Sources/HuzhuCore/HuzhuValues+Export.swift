// The core's callers see the value types (Money, CivilDate, ResidentID, reason
// codes …) through `import HuzhuCore`, as before they moved to HuzhuValues.
@_exported import HuzhuValues
