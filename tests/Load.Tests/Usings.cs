global using ArScale.Load.Tests.Support;
