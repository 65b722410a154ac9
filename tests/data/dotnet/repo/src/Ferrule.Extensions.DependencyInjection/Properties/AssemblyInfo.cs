using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Ferrule.Tests")]
