using ControlPlane.Api;

await ApiApplication.Create(args).RunAsync();
