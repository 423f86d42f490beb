# METADATA
# title: Azure SQL server has no auditing
# description: |
#   Without auditing, logins, permission changes and queries against the server's databases
#   leave no trace to investigate a breach or misuse. Auditing is configured with an
#   extended_auditing_policy block or an azurerm_mssql_server_extended_auditing_policy resource
#   that refers to the server.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview
# custom:
#   id: azure-sql-server-auditing-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_23]
package converge.rules.terraform.azure_sql_server_auditing_disabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

audited(kind, server) if count(server.body.extended_auditing_policy) > 0

audited(kind, server) if azure.has_dynamic(server.body, "extended_auditing_policy")

audited(kind, server) if {
	tf.referenced_by("azurerm_mssql_server_extended_auditing_policy", "server_id", concat(".", [kind, server.name]))
}

findings contains f if {
	some kind in ["azurerm_mssql_server", "azurerm_sql_server"]
	some server in tf.resources(kind)
	not audited(kind, server)
	f := {
		"msg": sprintf("%s.%s has no auditing policy", [kind, server.name]),
		"route": server.route,
	}
}
