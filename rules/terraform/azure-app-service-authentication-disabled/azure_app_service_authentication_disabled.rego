# METADATA
# title: App Service web app does not use App Service Authentication
# description: |
#   App Service Authentication signs users in with an identity provider (Microsoft Entra ID,
#   Google, GitHub and others) and validates tokens before requests reach the app, so
#   unauthenticated callers never reach its code. It is turned on with auth_settings { enabled =
#   true } or auth_settings_v2 { auth_enabled = true }. Apps that authenticate callers in their
#   own code, or that are public on purpose, can suppress this finding.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/overview-authentication-authorization
# custom:
#   id: azure-app-service-authentication-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_13]
package converge.rules.terraform.azure_app_service_authentication_disabled

import rego.v1

import data.converge.lib.appservice
import data.converge.lib.terraform as tf

# As checkov reads it: auth_settings decides when it sets `enabled`; otherwise
# auth_settings_v2.auth_enabled. A missing setting or block is off; expressions count as on.
enabled(body) if {
	v := tf.first_block(body, "auth_settings").enabled
	not tf.is_false(v)
	v != null
}

enabled(body) if {
	not decided_by_v1(body)
	v := tf.first_block(body, "auth_settings_v2").auth_enabled
	not tf.is_false(v)
	v != null
}

decided_by_v1(body) if "enabled" in object.keys(tf.first_block(body, "auth_settings"))

generated(body) if appservice.generated(body, "auth_settings")

generated(body) if appservice.generated(body, "auth_settings_v2")

findings contains f if {
	some app in appservice.all_web_apps
	not enabled(app.body)
	not generated(app.body)
	f := {
		"msg": sprintf("%s.%s does not turn on App Service Authentication", [app.kind, app.name]),
		"route": route(app),
	}
}

route(app) := array.concat(app.route, ["auth_settings", 0, "enabled"]) if {
	decided_by_v1(app.body)
} else := array.concat(app.route, ["auth_settings_v2", 0, "auth_enabled"]) if {
	count(app.body.auth_settings_v2) > 0
} else := app.route
