using System.Collections;
using System.Reflection;
using Fluid;
using Fluid.Ast;

namespace ArScale.Notifier.Templates;

/// <summary>
/// Walks a parsed template and names every variable the model does not have, in every branch, so a typo
/// fails when the Notifier starts instead of leaving a blank in a customer's e-mail.
/// </summary>
internal sealed class TemplateVariableCheck : AstVisitor
{
    /// <summary>Stands for a value whose shape is not known statically (a Liquid <c>assign</c> of an expression).</summary>
    private sealed class AnyValue;

    private sealed class ForLoopValue;

    private static readonly HashSet<string> ForLoopMembers = ["index", "index0", "rindex", "rindex0", "first", "last", "length"];
    private static readonly HashSet<string> ListMembers = ["size", "first", "last"];

    private readonly TemplateOptions options;
    private readonly Stack<Dictionary<string, Type>> scopes = new();
    private readonly List<string> problems = [];

    private TemplateVariableCheck(Type modelType, TemplateOptions options)
    {
        this.options = options;
        scopes.Push(MembersOf(modelType).ToDictionary(member => member.Key, member => member.Value, StringComparer.Ordinal));
    }

    public static IReadOnlyList<string> Problems(IFluidTemplate template, Type modelType, TemplateOptions options)
    {
        var check = new TemplateVariableCheck(modelType, options);
        check.VisitTemplate(template);
        return check.problems;
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        var elementType = forStatement.Source is MemberExpression member ? ElementType(Resolve(member)) : typeof(AnyValue);
        if (forStatement.Source is not MemberExpression and not null)
        {
            Visit(forStatement.Source);
        }

        scopes.Push(new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            [forStatement.Identifier] = elementType,
            ["forloop"] = typeof(ForLoopValue),
        });
        foreach (var statement in forStatement.Statements)
        {
            Visit(statement);
        }

        scopes.Pop();
        if (forStatement.Else is { } elseStatement)
        {
            Visit(elseStatement);
        }

        return forStatement;
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        var type = assignStatement.Value is MemberExpression member ? Resolve(member) : typeof(AnyValue);
        Visit(assignStatement.Value);
        scopes.Last().TryAdd(assignStatement.Identifier, type ?? typeof(AnyValue));
        return assignStatement;
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        scopes.Last().TryAdd(captureStatement.Identifier, typeof(string));
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        problems.Add("'include' is not supported: each template stands alone");
        return includeStatement;
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        problems.Add("'render' is not supported: each template stands alone");
        return renderStatement;
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!options.Filters.TryGetValue(filterExpression.Name, out _))
        {
            problems.Add($"filter '{filterExpression.Name}' does not exist");
        }

        return base.VisitFilterExpression(filterExpression);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        Resolve(memberExpression);
        return base.VisitMemberExpression(memberExpression);
    }

    /// <summary>The type the path leads to, or null after recording why it leads nowhere.</summary>
    private Type? Resolve(MemberExpression expression)
    {
        Type? current = null;
        var path = "";
        foreach (var segment in expression.Segments)
        {
            if (segment is not IdentifierSegment identifier)
            {
                // An indexer (invoices[0]) yields an element; anything further is checked against it.
                current = current is null ? null : ElementType(current);
                path += "[]";
                continue;
            }

            var name = identifier.Identifier;
            path = path.Length == 0 ? name : $"{path}.{name}";
            current = current is null ? Lookup(name) : MemberType(current, name);
            if (current is null)
            {
                problems.Add($"'{path}' is not a variable of the model");
                return null;
            }

            if (current == typeof(AnyValue))
            {
                return current;
            }
        }

        return current;
    }

    private Type? Lookup(string name)
    {
        foreach (var scope in scopes)
        {
            if (scope.TryGetValue(name, out var type))
            {
                return type;
            }
        }

        return null;
    }

    private static Type? MemberType(Type type, string name)
    {
        if (type == typeof(ForLoopValue))
        {
            return ForLoopMembers.Contains(name) ? typeof(int) : null;
        }

        if (type == typeof(string))
        {
            return name == "size" ? typeof(int) : null;
        }

        if (IsList(type))
        {
            return name == "size" ? typeof(int) : ListMembers.Contains(name) ? ElementType(type) : null;
        }

        return MembersOf(type).TryGetValue(name, out var member) ? member : null;
    }

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static Type ElementType(Type? type) =>
        type is null || type == typeof(AnyValue) ? typeof(AnyValue)
        : type.IsArray ? type.GetElementType()!
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            ?? typeof(AnyValue);

    private static Dictionary<string, Type> MembersOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(property => MemberNameStrategies.SnakeCase(property), property => Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, StringComparer.Ordinal);
}
