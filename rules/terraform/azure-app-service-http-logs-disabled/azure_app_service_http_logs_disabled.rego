# METADATA
# title: App Service web app does not keep HTTP logs
# description: |
#   Web server (HTTP) logs record every request the app receives: time, client address, method,
#   URL, status and duration. Without them, there is no record of who called the app to
#   investigate an incident or abuse. They are configured with a logs.http_logs block that sends
#   them to the app's file system or to a blob container.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/troubleshoot-diagnostic-logs#enable-web-server-logging
# custom:
#   id: azure-app-service-http-logs-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_63]
package converge.rules.terraform.azure_app_service_http_logs_disabled

import rego.v1

import data.converge.lib.appservice
import data.converge.lib.terraform as tf

configured(logs) if count(logs.http_logs) > 0

configured(logs) if appservice.generated(logs, "http_logs")

findings contains f if {
	some app in appservice.all_web_apps
	not appservice.generated(app.body, "logs")
	not configured(tf.first_block(app.body, "logs"))
	f := {
		"msg": sprintf("%s.%s keeps no HTTP logs (no logs.http_logs block)", [app.kind, app.name]),
		"route": appservice.block_route(app, "logs", "http_logs"),
	}
}
