using System.CommandLine;

var root = new RootCommand("edist: the EnterpriseDistrib admin and developer command line.");
return await root.Parse(args).InvokeAsync();
