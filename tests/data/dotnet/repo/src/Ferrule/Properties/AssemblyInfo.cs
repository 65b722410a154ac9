using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Ferrule.Http")]
[assembly: InternalsVisibleTo("Ferrule.Extensions.DependencyInjection")]
[assembly: InternalsVisibleTo("Ferrule.Tests")]
