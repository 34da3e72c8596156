// Trainings draw their initialisation from libtorch's global generator (seeded per model); tests running in
// parallel would interleave their draws and make seeded results depend on scheduling. Run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
