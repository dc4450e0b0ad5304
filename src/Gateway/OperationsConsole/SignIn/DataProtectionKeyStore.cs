using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace ArScale.Gateway.OperationsConsole.SignIn;

/// <summary>
/// The keys that protect session and antiforgery cookies, in PostgreSQL (<c>data_protection_key</c>): every Gateway
/// reads the same keys, so a session started on one is valid on the others and survives a restart. Whoever can
/// read this table can forge a session, as with any shared key ring: guard the database accordingly.
/// </summary>
public sealed class DataProtectionKeyStore(NpgsqlDataSource database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = database.CreateCommand("SELECT xml FROM data_protection_key ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = database.CreateCommand("""
            INSERT INTO data_protection_key (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING
            """);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
