# METADATA
# title: Cloud SQL instance accepts connections without SSL/TLS client verification
# description: |
#   Unless the instance requires SSL, clients may connect unencrypted and credentials and data
#   cross the network in clear text. As checkov reads it, MySQL and PostgreSQL instances must
#   require trusted client certificates (ssl_mode = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED", or
#   require_ssl = true, which google provider 6.0 removed) and SQL Server instances encrypted
#   connections (ssl_mode = "ENCRYPTED_ONLY").
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/configure-ssl-instance
# custom:
#   id: gcp-sql-instance-ssl-not-required
#   target: terraform
#   severity: high
#   checkov: [CKV_GCP_6]
package converge.rules.terraform.gcp_sql_instance_ssl_not_required

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

sqlserver(body) if contains(body.database_version, "SQLSERVER")

required_mode(body) := "ENCRYPTED_ONLY" if sqlserver(body)

else := "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"

ip_config(body) := object.get(body, ["settings", 0, "ip_configuration", 0], {})

# As checkov reads it: ssl_mode decides when present, else require_ssl.
required(body) if {
	mode := ip_config(body).ssl_mode
	mode in {"TRUSTED_CLIENT_CERTIFICATE_REQUIRED", required_mode(body)}
}

required(body) if {
	not "ssl_mode" in object.keys(ip_config(body))
	tf.is_true(ip_config(body).require_ssl)
}

unknown(body) if gcp.has_dynamic(body, "settings")

unknown(body) if gcp.has_dynamic(body.settings[0], "ip_configuration")

unknown(body) if {
	some k in ["ssl_mode", "require_ssl"]
	gcp.is_expr(ip_config(body)[k])
}

findings contains f if {
	some db in tf.resources("google_sql_database_instance")
	not required(db.body)
	not unknown(db.body)
	[attribute, kase] := setting(db.body)
	f := {
		"msg": sprintf("google_sql_database_instance.%s does not require SSL (ssl_mode = %q expected)", [db.name, required_mode(db.body)]),
		"route": array.concat(db.route, ["settings", 0, "ip_configuration", 0, attribute]),
		"case": concat("", [kase, engine_suffix(db.body)]),
	}
}

engine_suffix(body) := "_sqlserver" if sqlserver(body)

else := ""

# The attribute the file already uses; require_ssl on google >= 6 (where it was removed) is
# replaced by ssl_mode; with neither, the provider version decides (in remediation cases).
setting(body) := ["ssl_mode", "ssl_mode"] if {
	"ssl_mode" in object.keys(ip_config(body))
} else := ["require_ssl", "require_ssl_removed"] if {
	"require_ssl" in object.keys(ip_config(body))
	gcp.google_major >= 6
} else := ["require_ssl", "require_ssl"] if {
	"require_ssl" in object.keys(ip_config(body))
} else := ["ssl_mode", "missing"]
