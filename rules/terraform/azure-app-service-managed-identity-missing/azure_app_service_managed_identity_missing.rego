# METADATA
# title: App Service web app has no managed identity
# description: |
#   Without a managed identity, an app that calls Key Vault, Storage, SQL or other Azure services
#   has to carry a secret (a connection string, an account key, a client secret) in its settings
#   or code, where it can leak and must be rotated by hand. A managed identity lets the app get
#   Microsoft Entra tokens instead; it grants no access until roles are assigned to it. An
#   identity block of any type (SystemAssigned, UserAssigned or both) satisfies the rule.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity
# custom:
#   id: azure-app-service-managed-identity-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_16, CKV_AZURE_71]
package converge.rules.terraform.azure_app_service_managed_identity_missing

import rego.v1

import data.converge.lib.appservice

has_identity(body) if count(body.identity) > 0

has_identity(body) if appservice.generated(body, "identity")

findings contains f if {
	some app in appservice.all_web_apps
	not has_identity(app.body)
	f := {
		"msg": sprintf("%s.%s has no managed identity (no identity block)", [app.kind, app.name]),
		"route": array.concat(app.route, ["identity"]),
	}
}
