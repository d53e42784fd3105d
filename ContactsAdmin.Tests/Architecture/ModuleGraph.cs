using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ContactsAdmin.Tests.Architecture;

/// <summary>
/// Which part of the app uses which, read from the compiled assembly (signatures, attributes and method bodies,
/// lambdas and async state machines included), so a dependency hidden in a Razor file or a lambda counts too.
/// A part is a feature folder (<c>Features.Contacts</c>), the profile core (<c>Profile</c>), the store (<c>Data</c>)
/// or a shared UI folder (<c>Components.Shared</c>); <c>Setup</c> and <c>Program</c> are the composition root that
/// wires every part together, so they are left out.
/// </summary>
public sealed class ModuleGraph
{
    private const string Root = "ContactsAdmin";

    /// <summary>Each part's dependencies, with one example (a type that uses the other part's type) per edge.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Edges { get; }

    private ModuleGraph(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> edges) => Edges = edges;

    /// <summary>A graph from edges given by hand, to check the cycle finder itself.</summary>
    public static ModuleGraph FromEdges(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> edges) => new(edges);

    public static ModuleGraph Of(string assemblyPath)
    {
        var edges = new Dictionary<string, Dictionary<string, string>>();
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var from = PartOf(OutermostType(type).Namespace);
            if (from is null) continue;
            foreach (var used in UsedTypes(type).SelectMany(Expand))
            {
                var to = PartOf(OutermostType(used).Namespace);
                if (to is null || to == from) continue;
                if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = [];
                targets.TryAdd(to, $"{OutermostType(type).FullName} uses {used.FullName}");
            }
        }
        return new ModuleGraph(edges.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value));
    }

    /// <summary>The part a namespace belongs to, or null outside the parts (framework types, the composition root).</summary>
    public static string? PartOf(string @namespace)
    {
        var segments = @namespace.Split('.');
        if (segments.Length < 2 || segments[0] != Root) return null;
        return segments[1] switch
        {
            "Features" or "Components" when segments.Length >= 3 => $"{segments[1]}.{segments[2]}",
            "Components" => "Components",
            "Profile" or "Data" => segments[1],
            _ => null,
        };
    }

    /// <summary>Groups of parts that use each other, directly or round a loop (Tarjan's strongly connected components).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var lowLink = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string part)
        {
            index[part] = lowLink[part] = next++;
            stack.Push(part);
            onStack.Add(part);
            foreach (var target in Edges.GetValueOrDefault(part)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(target, out var targetIndex))
                {
                    Visit(target);
                    lowLink[part] = Math.Min(lowLink[part], lowLink[target]);
                }
                else if (onStack.Contains(target))
                {
                    lowLink[part] = Math.Min(lowLink[part], targetIndex);
                }
            }
            if (lowLink[part] != index[part]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != part);
            if (component.Count > 1) cycles.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var part in Edges.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(part)) Visit(part);
        return cycles;
    }

    private static TypeReference OutermostType(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var field in type.Fields) yield return field.FieldType;
        foreach (var property in type.Properties) yield return property.PropertyType;
        foreach (var method in type.Methods)
        {
            yield return method.ReturnType;
            foreach (var p in method.Parameters) yield return p.ParameterType;
            foreach (var a in method.CustomAttributes) yield return a.AttributeType;
            if (!method.HasBody) continue;
            foreach (var v in method.Body.Variables) yield return v.VariableType;
            foreach (var instruction in method.Body.Instructions)
                foreach (var used in OperandTypes(instruction))
                    yield return used;
        }
    }

    private static IEnumerable<TypeReference> OperandTypes(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => Expand(t),
        MethodReference m => Expand(m.DeclaringType).Concat(Expand(m.ReturnType))
            .Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
        FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
        _ => [],
    };

    /// <summary>A type and the types it is built from: <c>List&lt;Contact&gt;</c> uses Contact, <c>Contact[]</c> too.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments.SelectMany(Expand)) yield return argument;
                break;
            case TypeSpecification specification:   // arrays, pointers, by-ref
                foreach (var element in Expand(specification.ElementType)) yield return element;
                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
