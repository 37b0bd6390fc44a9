// Each exchange fixture runs four service hosts; on two cores, one exchange at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
