# METADATA
# title: Azure SQL server accepts TLS versions older than 1.2
# description: |
#   TLS 1.0 and 1.1 have known weaknesses and are retired by Azure SQL. A server whose
#   minimum_tls_version is unset, below 1.2 or "Disabled" lets clients negotiate them.
#   azurerm 3.x and later default the setting to 1.2.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#minimum-tls-version
# custom:
#   id: azure-sql-server-tls-outdated
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_52]
package converge.rules.terraform.azure_sql_server_tls_outdated

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

# 1.3 is stricter than checkov's "1.2"; it is not downgraded.
accepted := {"1.2", "1.3"}

findings contains f if {
	some server in tf.resources("azurerm_mssql_server")
	not "minimum_tls_version" in object.keys(server.body)
	f := {
		"msg": sprintf("azurerm_mssql_server.%s does not set minimum_tls_version = \"1.2\"", [server.name]),
		"route": array.concat(server.route, ["minimum_tls_version"]),
		"case": "missing",
	}
}

findings contains f if {
	some server in tf.resources("azurerm_mssql_server")
	v := server.body.minimum_tls_version
	not azure.is_expr(v)
	not v in accepted
	f := {
		"msg": sprintf("azurerm_mssql_server.%s sets minimum_tls_version %v (1.2 required)", [server.name, v]),
		"route": array.concat(server.route, ["minimum_tls_version"]),
		"case": "outdated",
	}
}
