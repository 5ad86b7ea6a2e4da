// One TestCluster silo in its own process. TestCluster passes its parent's process id and the silo's whole
// configuration (including the configurator types to load) on the command line; StandaloneSiloHost builds the
// silo exactly as an in-process TestCluster silo is built, prints its addresses and runs until killed or told to
// shut down on standard input. A kill of this process is a real crash: no Stopping/Dead rows, sockets just close.
await Orleans.TestingHost.StandaloneSiloHost.Main(args).ConfigureAwait(false);
