# METADATA
# title: App Service web app accepts plain HTTP requests
# description: |
#   Unless https_only = true, the app answers http:// requests without redirecting them, so
#   session cookies, tokens and form data can travel unencrypted and be read or altered on the
#   network. With https_only, App Service redirects every HTTP request to HTTPS. The setting
#   defaults to false on azurerm_app_service, azurerm_linux_web_app and azurerm_windows_web_app.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https
# custom:
#   id: azure-app-service-http-allowed
#   target: terraform
#   severity: high
#   checkov: [CKV_AZURE_14]
package converge.rules.terraform.azure_app_service_http_allowed

import rego.v1

import data.converge.lib.appservice
import data.converge.lib.terraform as tf

findings contains f if {
	some app in appservice.all_web_apps
	tf.bool_not_true(app.body, "https_only")
	v := object.get(app.body, "https_only", null)
	f := {
		"msg": sprintf("%s.%s accepts plain HTTP: https_only %s", [app.kind, app.name, appservice.describe(v)]),
		"route": array.concat(app.route, ["https_only"]),
	}
}
