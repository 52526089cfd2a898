// A test here counts the sockets the whole process holds, so no two tests of this assembly run at once: another
// test's listener would be counted as one the host left behind. The assembly runs in about two seconds.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
