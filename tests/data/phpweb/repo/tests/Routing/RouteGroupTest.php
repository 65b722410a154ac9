<?php

namespace Lantern\Tests\Routing;

use Lantern\Http\Request;
use Lantern\Routing\RouteGroup;
use Lantern\Routing\Router;
use PHPUnit\Framework\TestCase;

class RouteGroupTest extends TestCase
{
    public function testMergePrefix(): void
    {
        $this->assertSame('admin/reports', RouteGroup::mergePrefix('admin', 'reports'));
        $this->assertSame('admin/reports', RouteGroup::mergePrefix('/admin/', 'reports'));
        $this->assertSame('reports', RouteGroup::mergePrefix('', 'reports'));
        $this->assertSame('admin', RouteGroup::mergePrefix('admin', ''));
    }

    public function testNestedGroupsCombinePrefixesAndNames(): void
    {
        $router = new Router();

        $router->group(['prefix' => 'admin', 'as' => 'admin.'], function (Router $router) {
            $router->group(['prefix' => 'reports', 'as' => 'reports.'], function (Router $router) {
                $router->get('/daily', 'DailyReport');
            });
        });

        $route = $router->findRoute(Request::create('/admin/reports/daily'));

        $this->assertSame('admin/reports/daily', $route['uri']);
        $this->assertSame('admin.reports.', $route['name']);
    }

    public function testRouteParameters(): void
    {
        $router = new Router();
        $router->get('/posts/{post:slug}', 'ShowPost');

        $route = $router->findRoute(Request::create('/posts/hello-world'));

        $this->assertSame(['post' => 'hello-world'], $route['parameters']);
    }
}
