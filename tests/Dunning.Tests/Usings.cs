global using ArScale.Dunning;
global using ArScale.Dunning.Tests.Support;
global using static ArScale.Dunning.Tests.Support.Builders;
